// A virtual network for the Container Apps environment: the silos reach each other on their replica addresses inside it
// (Orleans silo-to-silo traffic on the silo port).

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

@description('The environment\'s infrastructure subnet (at least /27 for a workload-profiles environment).')
param subnetPrefix string = '10.40.0.0/23'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${namePrefix}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: [ addressPrefix ] }
    subnets: [
      {
        name: 'silos'
        properties: {
          addressPrefix: subnetPrefix
          delegations: [
            {
              name: 'containerapps'
              properties: { serviceName: 'Microsoft.App/environments' }
            }
          ]
        }
      }
    ]
  }
}

@description('Resource id of the environment\'s subnet.')
output subnetId string = vnet.properties.subnets[0].id

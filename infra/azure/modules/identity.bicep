// The silos' user-assigned managed identity: every data-plane call (Azure OpenAI, Table and Blob storage, image pull)
// is made with it; no key exists anywhere in the deployment.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-silo'
  location: location
}

@description('Resource id of the identity.')
output id string = identity.id

@description('Client id: AZURE_CLIENT_ID of the silos, so DefaultAzureCredential picks this identity.')
output clientId string = identity.properties.clientId

@description('Principal (object) id the role assignments are made to.')
output principalId string = identity.properties.principalId

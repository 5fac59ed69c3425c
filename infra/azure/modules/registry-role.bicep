// AcrPull for the silos' identity on an existing Azure Container Registry: images are pulled with the identity, no
// registry password.

@description('Name of the existing container registry.')
param registryName string

@description('Principal id of the silos\' managed identity.')
param principalId string

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, principalId, acrPull)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

@description('The registry\'s login server, e.g. NAME.azurecr.io.')
output loginServer string = registry.properties.loginServer

// Cognitive Services OpenAI User for the silos' identity on an existing Azure OpenAI resource (deployed at that
// resource's resource group, which may differ from the cluster's).

@description('Name of the existing Azure OpenAI (Cognitive Services) account.')
param openAiAccountName string

@description('Principal id of the silos\' managed identity.')
param principalId string

var openAiUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: openAi
  name: guid(openAi.id, principalId, openAiUser)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUser)
  }
}

@description('The account\'s endpoint (Upstream:Endpoint), e.g. https://NAME.openai.azure.com/.')
output endpoint string = openAi.properties.endpoint

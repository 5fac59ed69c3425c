// Example parameters. The two secrets are read from environment variables at deployment time, never written here:
//   export RG_SERVER_CREDENTIAL=$(openssl rand -base64 32) RG_TOKEN_SIGNING_KEY=$(openssl rand -base64 32)
// RG_DEPLOY_CONTAINER_APPS=false deploys only the identity, storage, roles and monitoring (the Kubernetes route).
using './main.bicep'

param namePrefix = 'realtimegrains'
param openAiAccountName = 'YOUR-OPENAI-RESOURCE'
param openAiDeployment = 'gpt-realtime'
param registryName = 'YOURREGISTRY'
param image = 'YOURREGISTRY.azurecr.io/realtimegrains:1.0.0'
param deployContainerApps = bool(readEnvironmentVariable('RG_DEPLOY_CONTAINER_APPS', 'true'))
param minReplicas = 2
param maxReplicas = 10
param serverCredential = readEnvironmentVariable('RG_SERVER_CREDENTIAL')
param tokenSigningKey = readEnvironmentVariable('RG_TOKEN_SIGNING_KEY')

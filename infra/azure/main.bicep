// RealtimeGrains on Azure Container Apps: a user-assigned managed identity with data-plane roles (Azure OpenAI, Table
// and Blob storage, image pull), a storage account without shared keys, Log Analytics + Application Insights fed by the
// environment's OpenTelemetry agent, and the silo container app (at least 2 replicas). No key or password is created,
// stored or output; the two product secrets come in as secure parameters and live only as Container Apps secrets.
// Walk-through: infra/README.md.

targetScope = 'resourceGroup'

@description('Azure region of every new resource.')
param location string = resourceGroup().location

@description('Prefix of resource names (lowercase letters, digits and \'-\').')
@minLength(3)
@maxLength(16)
param namePrefix string = 'realtimegrains'

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string = take('${replace(namePrefix, '-', '')}${uniqueString(resourceGroup().id)}', 24)

@description('Name of the existing Azure OpenAI resource the sessions connect to.')
param openAiAccountName string

@description('Resource group of that Azure OpenAI resource (default: this one).')
param openAiResourceGroup string = resourceGroup().name

@description('Name of its realtime model deployment (Upstream:Deployment).')
param openAiDeployment string = 'gpt-realtime'

@description('Name of an existing Azure Container Registry in this resource group to pull the image from with the identity; empty for a public image.')
param registryName string = ''

@description('The silo image, e.g. NAME.azurecr.io/realtimegrains:1.0.0.')
param image string

@description('Deploy the Container Apps environment and the silo app; false deploys only the identity, storage, roles and monitoring (the Kubernetes route).')
param deployContainerApps bool = true

@description('The application server\'s credential for minting client tokens (at least 16 characters).')
@secure()
@minLength(16)
param serverCredential string

@description('Client-token signing key shared by every silo (base64, at least 32 bytes).')
@secure()
@minLength(44)
param tokenSigningKey string

@description('Fewest silos (replicas).')
@minValue(2)
param minReplicas int = 2

@description('Most silos (replicas).')
@minValue(2)
@maxValue(100)
param maxReplicas int = 10

@description('Concurrent connections per replica before scaling out.')
@minValue(10)
param concurrentRequestsPerReplica int = 200

@description('Orleans cluster id (Host:ClusterId).')
param clusterId string = 'realtimegrains'

@description('Orleans service id (Host:ServiceId); keep it stable across deployments.')
param serviceId string = 'realtimegrains'

@description('Serve the browser sample page (its token endpoint only answers loopback callers).')
param samplePage bool = false

var stateContainerName = 'grainstate'
var membershipTableName = 'OrleansSiloInstances'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: storageAccountName
    principalId: identity.outputs.principalId
    containerName: stateContainerName
    membershipTableName: membershipTableName
  }
}

module openAiRole 'modules/openai-role.bicep' = {
  name: 'openai-role'
  scope: resourceGroup(openAiResourceGroup)
  params: {
    openAiAccountName: openAiAccountName
    principalId: identity.outputs.principalId
  }
}

module registryRole 'modules/registry-role.bicep' = if (!empty(registryName)) {
  name: 'registry-role'
  params: {
    registryName: registryName
    principalId: identity.outputs.principalId
  }
}

module network 'modules/network.bicep' = if (deployContainerApps) {
  name: 'network'
  params: {
    location: location
    namePrefix: namePrefix
  }
}

module environment 'modules/environment.bicep' = if (deployContainerApps) {
  name: 'environment'
  params: {
    location: location
    namePrefix: namePrefix
    subnetId: network!.outputs.subnetId
    workspaceId: monitoring.outputs.workspaceId
    insightsName: monitoring.outputs.insightsName
  }
}

module silos 'modules/silo-app.bicep' = if (deployContainerApps) {
  name: 'silos'
  // Its parameters read the storage, Azure OpenAI and registry modules' outputs, so it is deployed after their role
  // assignments exist (they may still take minutes to propagate: the first replicas retry until they do).
  params: {
    location: location
    name: '${namePrefix}-silo'
    environmentId: environment!.outputs.id
    image: image
    registryServer: empty(registryName) ? '' : registryRole!.outputs.loginServer
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobServiceUri: storage.outputs.blobServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    stateContainerName: stateContainerName
    membershipTableName: membershipTableName
    openAiEndpoint: openAiRole.outputs.endpoint
    openAiDeployment: openAiDeployment
    clusterId: clusterId
    serviceId: serviceId
    serverCredential: serverCredential
    tokenSigningKey: tokenSigningKey
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    concurrentRequestsPerReplica: concurrentRequestsPerReplica
    samplePage: samplePage
  }
}

@description('Client id of the silos\' identity (AZURE_CLIENT_ID; the Kubernetes service account\'s workload identity client id).')
output identityClientId string = identity.outputs.clientId

@description('Resource id of the silos\' identity (federated credentials for Kubernetes workload identity are added to it).')
output identityId string = identity.outputs.id

@description('Host:AzureStorage:BlobServiceUri.')
output blobServiceUri string = storage.outputs.blobServiceUri

@description('Host:AzureStorage:TableServiceUri.')
output tableServiceUri string = storage.outputs.tableServiceUri

@description('Upstream:Endpoint.')
output openAiEndpoint string = openAiRole.outputs.endpoint

@description('https address of the silos (empty without Container Apps).')
output url string = deployContainerApps ? 'https://${silos!.outputs.fqdn}' : ''

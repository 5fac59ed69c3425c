// The silo container app: every replica is an Orleans silo with the gateway co-hosted (membership in Azure Table storage,
// grain state in Azure Blob storage, upstream Azure OpenAI with Microsoft Entra ID). Replicas advertise their own address
// (Host:AdvertisedAddress empty: the first non-loopback interface address) and reach each other on the silo port.

@description('Azure region.')
param location string

@description('Container app name.')
param name string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Container image, e.g. NAME.azurecr.io/realtimegrains:1.0.0 (an immutable tag or a digest).')
param image string

@description('Login server of the registry pulled from with the managed identity; empty for a public image.')
param registryServer string

@description('Resource id of the silos\' user-assigned managed identity.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID for DefaultAzureCredential).')
param identityClientId string

@description('Blob service URI of the storage account.')
param blobServiceUri string

@description('Table service URI of the storage account.')
param tableServiceUri string

@description('Blob container of grain state.')
param stateContainerName string

@description('Table of Orleans membership.')
param membershipTableName string

@description('Azure OpenAI endpoint, e.g. https://NAME.openai.azure.com/.')
param openAiEndpoint string

@description('Azure OpenAI realtime deployment name.')
param openAiDeployment string

@description('Orleans cluster id (Host:ClusterId).')
param clusterId string

@description('Orleans service id (Host:ServiceId): keep it stable, it is part of stored state\'s identity.')
param serviceId string

@description('The application server\'s credential for POST /v1/realtime/sessions (at least 16 characters).')
@secure()
param serverCredential string

@description('Token signing key shared by every silo (base64, at least 32 bytes).')
@secure()
param tokenSigningKey string

@description('Fewest replicas (silos); at least 2 so a silo can stop or die without an outage.')
@minValue(2)
param minReplicas int

@description('Most replicas.')
@minValue(2)
param maxReplicas int

@description('Concurrent HTTP requests (a WebSocket or SignalR connection is one for its lifetime) per replica before scaling out.')
param concurrentRequestsPerReplica int

@description('Serve the browser sample page (its token endpoint answers loopback callers only).')
param samplePage bool

@description('vCPU per replica.')
param cpu string = '1.0'

@description('Memory per replica.')
param memory string = '2Gi'

// The container's ports: HTTP (clients, probes) and the Orleans silo port. The product opens no Orleans client gateway
// (gateway port 0: clients come in through the co-hosted gateway over HTTP), so 30000 is not mapped.
var httpPort = 8080
var siloPort = 11111

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'auto'
        allowInsecure: false
        // SignalR's negotiate and connect requests must reach the same replica.
        stickySessions: { affinity: 'sticky' }
        additionalPortMappings: [
          {
            external: false
            targetPort: siloPort
            exposedPort: siloPort
          }
        ]
      }
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identityId
        }
      ]
      // Secrets from secure parameters; containers read them through secretRef, never as plain values.
      secrets: [
        {
          name: 'server-credential'
          value: serverCredential
        }
        {
          name: 'token-signing-key'
          value: tokenSigningKey
        }
      ]
    }
    template: {
      // Longer than the host's graceful stop (sessions persisted, upstream closed, lease released: a few seconds; the
      // .NET host's shutdown timeout is 30 s).
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'silo'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: [
            { name: 'URLS', value: 'http://+:${httpPort}' }
            { name: 'DOTNET_ENVIRONMENT', value: 'Production' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'OTEL_SERVICE_NAME', value: 'realtimegrains' }
            { name: 'Host__Clustering', value: 'AzureTable' }
            { name: 'Host__StateStore', value: 'AzureBlob' }
            { name: 'Host__AzureStorage__BlobServiceUri', value: blobServiceUri }
            { name: 'Host__AzureStorage__TableServiceUri', value: tableServiceUri }
            { name: 'Host__AzureStorage__ContainerName', value: stateContainerName }
            { name: 'Host__AzureStorage__MembershipTableName', value: membershipTableName }
            { name: 'Host__SiloPort', value: string(siloPort) }
            { name: 'Host__ClusterId', value: clusterId }
            { name: 'Host__ServiceId', value: serviceId }
            { name: 'Host__InProcessSimulator', value: 'false' }
            { name: 'Host__SamplePage', value: string(samplePage) }
            { name: 'Upstream__Kind', value: 'AzureOpenAI' }
            { name: 'Upstream__Endpoint', value: openAiEndpoint }
            { name: 'Upstream__Deployment', value: openAiDeployment }
            { name: 'Upstream__UseEntraId', value: 'true' }
            { name: 'Gateway__ServerCredentials__0', secretRef: 'server-credential' }
            { name: 'Gateway__TokenSigningKey', secretRef: 'token-signing-key' }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/healthz', port: httpPort }
              periodSeconds: 2
              failureThreshold: 30
              timeoutSeconds: 2
            }
            {
              type: 'Readiness'
              httpGet: { path: '/readyz', port: httpPort }
              periodSeconds: 5
              failureThreshold: 2
              timeoutSeconds: 3
            }
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: httpPort }
              periodSeconds: 10
              failureThreshold: 3
              timeoutSeconds: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'connections'
            http: {
              metadata: { concurrentRequests: string(concurrentRequestsPerReplica) }
            }
          }
          {
            name: 'cpu'
            custom: {
              type: 'cpu'
              metadata: { type: 'Utilization', value: '70' }
            }
          }
        ]
      }
    }
  }
}

@description('Public host name of the silos\' HTTP ingress.')
output fqdn string = app.properties.configuration.ingress.fqdn

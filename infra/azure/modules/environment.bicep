// The Container Apps environment: in the virtual network, console and system logs to Log Analytics through diagnostic
// settings (no workspace key), and the managed OpenTelemetry agent forwarding the product's OTLP traces and logs to
// Application Insights. The agent sets OTEL_EXPORTER_OTLP_ENDPOINT in every container, which the product's exporter reads.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Resource id of the environment\'s infrastructure subnet.')
param subnetId string

@description('Resource id of the Log Analytics workspace.')
param workspaceId string

@description('Name of the Application Insights component.')
param insightsName string

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

// A preview API version: the managed OpenTelemetry agent (appInsightsConfiguration, openTelemetryConfiguration) is not in
// the GA versions yet. Its Application Insights destination takes traces and logs, not metrics.
resource environment 'Microsoft.App/managedEnvironments@2025-10-02-preview' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: subnetId
      internal: false
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    appInsightsConfiguration: {
      connectionString: insights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: [ 'appInsights' ] }
      logsConfiguration: { destinations: [ 'appInsights' ] }
    }
    zoneRedundant: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: environment
  name: 'logs-to-workspace'
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the environment.')
output id string = environment.id

@description('The environment\'s default domain (apps are reachable at NAME.DOMAIN).')
output defaultDomain string = environment.properties.defaultDomain

// Log Analytics (platform and console logs, through diagnostic settings) and workspace-based Application Insights
// (the product's OpenTelemetry traces and logs, through the Container Apps environment's managed OpenTelemetry agent).

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Days Log Analytics keeps data.')
@minValue(30)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Application Insights component (the environment module reads its connection string).')
output insightsName string = insights.name

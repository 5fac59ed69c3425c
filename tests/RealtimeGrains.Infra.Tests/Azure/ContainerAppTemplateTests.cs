using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using RealtimeGrains.Infra.Tests.Infrastructure;

namespace RealtimeGrains.Infra.Tests.Azure;

/// <summary>What the compiled main.bicep deploys: keyless access, a cluster of silos, probes, ports, secrets, telemetry.</summary>
public sealed partial class ContainerAppTemplateTests
{
    // Built-in role definition ids.
    private const string OpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string AcrPull = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    [Fact]
    public async Task Identity_GetsTheDataRoles_OnAzureOpenAiStorageAndTheRegistry()
    {
        var template = await AzureTemplates.MainAsync();
        // Each module names its role definition in a variable: resolve it in that module's template.
        var roles = AzureTemplates.Templates(template)
            .SelectMany(t => AzureTemplates.DirectResources(t)
                .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
                .Select(r => RoleVariable().Match(r["properties"]!["roleDefinitionId"]!.ToString()) is { Success: true } m
                    ? t["variables"]?[m.Groups["name"].Value]?.ToString()
                    : r["properties"]!["roleDefinitionId"]!.ToString()))
            .ToList();
        Assert.Equal(new[] { OpenAiUser, BlobDataContributor, TableDataContributor, AcrPull }.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
        Assert.All(AzureTemplates.Resources(template, "Microsoft.Authorization/roleAssignments"), r => Assert.Equal("ServicePrincipal", r["properties"]!["principalType"]!.ToString()));

        var app = await SiloApp.LoadAsync();
        Assert.Equal("UserAssigned", app.Resource["identity"]?["type"]?.ToString());
        Assert.Equal("[parameters('identityClientId')]", app.EnvVar("AZURE_CLIENT_ID")["value"]?.ToString());
    }

    [Fact]
    public async Task Template_UsesNoKey()
    {
        var template = await AzureTemplates.MainAsync();
        var text = template.ToJsonString();
        foreach (var keyed in new[] { "listKeys(", "listConnectionStrings(", "listCredentials(", "AccountKey=" })
        {
            Assert.DoesNotContain(keyed, text, StringComparison.OrdinalIgnoreCase);
        }

        var storage = Assert.Single(AzureTemplates.Resources(template, "Microsoft.Storage/storageAccounts"));
        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("true", (await SiloApp.LoadAsync()).EnvVar("Upstream__UseEntraId")["value"]?.ToString());
    }

    [Fact]
    public async Task Storage_HasTheMembershipTableAndTheStateContainer_TheSilosAreConfiguredWith()
    {
        var template = await AzureTemplates.MainAsync();
        var main = template["variables"]!.AsObject();
        Assert.Single(AzureTemplates.Resources(template, "Microsoft.Storage/storageAccounts/tableServices/tables"));
        Assert.Single(AzureTemplates.Resources(template, "Microsoft.Storage/storageAccounts/blobServices/containers"));
        var app = await SiloApp.LoadAsync();
        Assert.Equal("[parameters('membershipTableName')]", app.EnvVar("Host__AzureStorage__MembershipTableName")["value"]?.ToString());
        Assert.Equal("[parameters('stateContainerName')]", app.EnvVar("Host__AzureStorage__ContainerName")["value"]?.ToString());
        Assert.Equal("OrleansSiloInstances", main["membershipTableName"]?.ToString());
        Assert.Equal("grainstate", main["stateContainerName"]?.ToString());
    }

    [Fact]
    public async Task SiloApp_SecretsComeFromSecureParameters_ThroughSecretRefs()
    {
        var template = await AzureTemplates.MainAsync();
        var app = await SiloApp.LoadAsync();
        foreach (var name in new[] { "serverCredential", "tokenSigningKey" })
        {
            Assert.Equal("securestring", template["parameters"]![name]!["type"]!.ToString());
            Assert.Equal("securestring", app.ModuleTemplate["parameters"]![name]!["type"]!.ToString());
            Assert.Null(template["parameters"]![name]!["defaultValue"]);
        }

        var secrets = app.Properties["configuration"]!["secrets"]!.AsArray().Select(s => s!["name"]!.ToString()).ToHashSet();
        foreach (var name in new[] { "Gateway__ServerCredentials__0", "Gateway__TokenSigningKey" })
        {
            var env = app.EnvVar(name);
            Assert.Null(env["value"]);
            Assert.Contains(env["secretRef"]!.ToString(), secrets);
        }

        // Nothing secret is output.
        var outputs = template["outputs"]!.ToJsonString();
        Assert.DoesNotContain("serverCredential", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("tokenSigningKey", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloApp_RunsAtLeastTwoSilos_WithScaleRules()
    {
        var template = await AzureTemplates.MainAsync();
        var minReplicas = template["parameters"]!["minReplicas"]!;
        Assert.True(minReplicas["minValue"]!.GetValue<int>() >= 2);
        Assert.True(minReplicas["defaultValue"]!.GetValue<int>() >= 2);
        var app = await SiloApp.LoadAsync();
        var scale = app.Properties["template"]!["scale"]!;
        Assert.Equal("[parameters('minReplicas')]", scale["minReplicas"]!.ToString());
        Assert.NotEmpty(scale["rules"]!.AsArray());
    }

    [Fact]
    public async Task SiloApp_ProbesHealthzAndReadyz_OnItsHttpPort()
    {
        var app = await SiloApp.LoadAsync();
        var httpPort = app.Constant(app.Properties["configuration"]!["ingress"]!["targetPort"]);
        Assert.Equal($"http://+:{httpPort}", app.Constant(app.EnvVar("URLS")["value"]));
        var probes = app.Container["probes"]!.AsArray().ToDictionary(p => p!["type"]!.ToString(), p => p!["httpGet"]!);
        Assert.Equal("/readyz", probes["Readiness"]["path"]!.ToString());
        Assert.Equal("/healthz", probes["Liveness"]["path"]!.ToString());
        Assert.True(probes.ContainsKey("Startup"));
        Assert.All(probes.Values, p => Assert.Equal(httpPort, app.Constant(p["port"])));
    }

    [Fact]
    public async Task SiloApp_ExposesTheSiloPort_ToTheOtherReplicas()
    {
        var app = await SiloApp.LoadAsync();
        var siloPort = app.Constant(app.EnvVar("Host__SiloPort")["value"]);
        var mapping = Assert.Single(app.Properties["configuration"]!["ingress"]!["additionalPortMappings"]!.AsArray());
        Assert.Equal(siloPort, app.Constant(mapping!["targetPort"]));
        Assert.False(mapping["external"]!.GetValue<bool>());

        // Replicas advertise their own address: Host:AdvertisedAddress must stay empty.
        Assert.DoesNotContain(app.Env, e => (string?)e["name"] == "Host__AdvertisedAddress");
        Assert.Equal("AzureTable", app.EnvVar("Host__Clustering")["value"]?.ToString());
        Assert.Equal("AzureBlob", app.EnvVar("Host__StateStore")["value"]?.ToString());
    }

    [Fact]
    public async Task SiloApp_GracePeriod_IsLongerThanTheHostsShutdownTimeout()
    {
        var app = await SiloApp.LoadAsync();
        var grace = TimeSpan.FromSeconds(app.Properties["template"]!["terminationGracePeriodSeconds"]!.GetValue<int>());
        Assert.True(grace > new HostOptions().ShutdownTimeout, $"terminationGracePeriodSeconds {grace} must exceed the host's shutdown timeout {new HostOptions().ShutdownTimeout}.");
    }

    [Fact]
    public async Task Environment_SendsTheProductsTelemetry_ToApplicationInsights_AndLogsToLogAnalytics()
    {
        var template = await AzureTemplates.MainAsync();
        var environment = Assert.Single(AzureTemplates.Resources(template, "Microsoft.App/managedEnvironments"))["properties"]!;
        Assert.Equal("azure-monitor", environment["appLogsConfiguration"]!["destination"]!.ToString());
        Assert.NotNull(environment["appInsightsConfiguration"]?["connectionString"]);
        var otel = environment["openTelemetryConfiguration"]!;
        Assert.Contains("appInsights", otel["tracesConfiguration"]!["destinations"]!.AsArray().Select(d => d!.ToString()));
        Assert.Contains("appInsights", otel["logsConfiguration"]!["destinations"]!.AsArray().Select(d => d!.ToString()));
        Assert.Single(AzureTemplates.Resources(template, "Microsoft.Insights/diagnosticSettings"));
        Assert.Single(AzureTemplates.Resources(template, "Microsoft.Insights/components"));
        Assert.Single(AzureTemplates.Resources(template, "Microsoft.OperationalInsights/workspaces"));
        Assert.Equal("realtimegrains", (await SiloApp.LoadAsync()).EnvVar("OTEL_SERVICE_NAME")["value"]?.ToString());
    }

    [GeneratedRegex(@"variables\('(?<name>\w+)'\)")]
    private static partial Regex RoleVariable();
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using RealtimeGrains.Gateway;
using RealtimeGrains.Host;

namespace RealtimeGrains.Infra.Tests.Hosting;

/// <summary><c>Host:Kubernetes</c>: validated against the rest of the cluster settings, and wired to Orleans' Kubernetes hosting.</summary>
public sealed class KubernetesHostingTests
{
    private static RealtimeHostOptions Cluster(bool kubernetes) => new()
    {
        Kubernetes = kubernetes,
        Clustering = ClusteringKind.AzureTable,
        StateStore = StateStoreKind.AzureBlob,
        AzureStorage = { BlobServiceUri = new Uri("https://account.blob.core.windows.net/") },
    };

    private static ValidateOptionsResult Validate(RealtimeHostOptions options)
    {
        var validator = new RealtimeHostOptionsValidator(
            Options.Create(new UpstreamOptions { Kind = UpstreamKind.AzureOpenAI, Endpoint = new Uri("https://name.openai.azure.com/"), UseEntraId = true }),
            Options.Create(new RealtimeGrains.Gateway.GatewayOptions { TokenSigningKey = Convert.ToBase64String(new byte[32]) }));
        return validator.Validate(null, options);
    }

    [Fact]
    public void Validator_AcceptsKubernetes_WithAzureTableClustering() => Assert.True(Validate(Cluster(kubernetes: true)).Succeeded);

    [Fact]
    public void Validator_RefusesKubernetes_WithoutAMembershipProvider()
    {
        var options = Cluster(kubernetes: true);
        options.Clustering = ClusteringKind.Localhost;
        options.StateStore = StateStoreKind.File;
        var result = Validate(options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Host:Kubernetes needs Host:Clustering AzureTable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo-a", null)]
    [InlineData(null, "10.0.0.4")]
    public void Validator_RefusesAnExplicitSiloNameOrAddress_UnderKubernetes(string? siloName, string? address)
    {
        var options = Cluster(kubernetes: true);
        options.SiloName = siloName;
        options.AdvertisedAddress = address;
        var result = Validate(options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Host:SiloName and Host:AdvertisedAddress must be empty when Host:Kubernetes is true", StringComparison.Ordinal));

        // The same settings are fine without Kubernetes.
        options.Kubernetes = false;
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Help_ListsTheSetting() => Assert.Contains("--Host:Kubernetes=BOOL", HostHelp.Text, StringComparison.Ordinal);

    [Fact]
    public void Silo_UsesKubernetesHosting_OnlyWhenAskedTo()
    {
        Assert.True(RegistersKubernetesAgent(Cluster(kubernetes: true)));
        Assert.False(RegistersKubernetesAgent(Cluster(kubernetes: false)));
    }

    [Fact]
    public void Silo_UnderKubernetes_IsThePod_ListeningOnTheSiloPortWithNoClientGateway()
    {
        var options = Cluster(kubernetes: true);
        options.SiloPort = 12345;

        // What the Deployment's downward API sets (no other test of this assembly reads these variables).
        var pod = new Dictionary<string, string?>
        {
            [KubernetesHostingOptions.PodNameEnvironmentVariable] = "realtimegrains-7d9f-abcde",
            [KubernetesHostingOptions.PodNamespaceEnvironmentVariable] = "realtimegrains",
            [KubernetesHostingOptions.PodIPEnvironmentVariable] = "10.244.1.17",
        };
        var saved = pod.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in pod)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            using var host = BuildSilo(options);
            var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
            Assert.Equal(12345, endpoints.SiloPort);
            Assert.Equal(0, endpoints.GatewayPort);
            Assert.Equal(new IPEndPoint(IPAddress.Any, 12345), endpoints.SiloListeningEndpoint);
            Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
            Assert.Equal("realtimegrains-7d9f-abcde", host.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static bool RegistersKubernetesAgent(RealtimeHostOptions options)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddRealtimeGrainsSilo(options, Path.GetTempPath()));
        return builder.Services.Any(d => d.ImplementationType == typeof(KubernetesClusterAgent));
    }

    private static IHost BuildSilo(RealtimeHostOptions options)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddRealtimeGrainsSilo(options, Path.GetTempPath()));
        return builder.Build();
    }
}

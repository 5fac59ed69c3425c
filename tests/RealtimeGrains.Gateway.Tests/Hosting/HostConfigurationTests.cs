using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.Hosting;

public sealed class HostConfigurationTests
{
    [Theory]
    [InlineData("Upstream:Kind", "AzureOpenAI", "Upstream:Endpoint")]
    [InlineData("Gateway:TokenLifetime", "00:00:00", "Gateway:TokenLifetime")]
    [InlineData("Gateway:ServerCredentials:0", "short", "Gateway:ServerCredentials:0")]
    [InlineData("Host:StateDirectory", "", "Host:StateDirectory")]
    public async Task InvalidSetting_FailsStartup_NamingTheSetting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value, ["Host:StateStore"] = "File" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureTableCluster_WithFileStateAndNoSigningKey_FailsStartup_NamingBoth()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Host:Clustering"] = "AzureTable",
            ["Host:StateStore"] = "File",
            ["Host:AzureStorage:ConnectionString"] = "UseDevelopmentStorage=true",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(settings));

        // A session moves between silos: its state must be shared, and a token minted on one silo must verify on all.
        Assert.Contains("Host:StateStore AzureBlob", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:TokenSigningKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RealtimeSessions:Lease:RenewEvery", "00:00:02", "RealtimeSessions:Lease:RenewEvery")]
    [InlineData("RealtimeSessions:Lease:Duration", "00:00:00.100", "RealtimeSessions:Lease:Duration")]
    [InlineData("Host:Membership:ProbeTimeout", "00:00:00", "Host:Membership:ProbeTimeout")]
    [InlineData("Host:Clustering", "Zookeeper", "Host:Clustering")]
    public async Task InvalidClusterSetting_FailsStartup_NamingTheSetting(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureWithKeyAndEntraBoth_FailsStartup_NamingBoth()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Upstream:Kind"] = "AzureOpenAI",
            ["Upstream:Endpoint"] = "https://example.openai.azure.com",
            ["Upstream:ApiKey"] = "k",
            ["Upstream:UseEntraId"] = "true",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(settings));

        Assert.Contains("Upstream:ApiKey or Upstream:UseEntraId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "AzureGa")]
    [InlineData("2025-04-01-preview", "AzurePreview")]
    public void AzureUpstream_MapsToThePreviewOrGaSessionUpstream(string apiVersion, string expectedKind)
    {
        var source = new UpstreamOptions
        {
            Kind = UpstreamKind.AzureOpenAI,
            Endpoint = new Uri("https://example.openai.azure.com/"),
            ApiVersion = apiVersion,
            ApiKey = "k",
            ConnectTimeout = TimeSpan.FromSeconds(7),
        };
        var target = new RealtimeGrains.Sessions.Upstream.RealtimeUpstreamOptions();

        RealtimeGrains.Host.UpstreamMapping.Apply(source, target, simulatorEndpoint: null);

        Assert.Equal(expectedKind, target.Kind.ToString());
        Assert.Equal(source.Endpoint, target.Endpoint);
        Assert.Equal("k", target.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(7), target.ConnectTimeout);
        if (apiVersion.Length > 0)
        {
            Assert.Equal(apiVersion, target.ApiVersion);
        }
    }

    [Fact]
    public void SimulatorUpstream_WithoutEndpoint_DialsTheHostsOwnSimulatorPath()
    {
        var target = new RealtimeGrains.Sessions.Upstream.RealtimeUpstreamOptions();

        RealtimeGrains.Host.UpstreamMapping.Apply(new UpstreamOptions(), target, "http://127.0.0.1:5000");

        Assert.Equal("Simulator", target.Kind.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:5000/sim"), target.Endpoint);
    }

    [Fact]
    public async Task Executable_Help_ListsSettings()
    {
        var (exit, output) = await RunHostAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--Upstream:Endpoint", output, StringComparison.Ordinal);
        Assert.Contains("--Gateway:ServerCredentials", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_InvalidConfiguration_ExitsWithMessageNamingSetting()
    {
        var (exit, output) = await RunHostAsync("--urls=http://127.0.0.1:0", "--Upstream:Kind=OpenAI", "--Host:StateStore=Memory");

        Assert.Equal(2, exit);
        Assert.Contains("Upstream:ApiKey is required for OpenAI", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunHostAsync(params string[] args)
    {
        var result = await ChildProcess.RunAsync(
            "dotnet", GatewayServer.HostProjectDirectory, TimeSpan.FromSeconds(30),
            [Path.Combine(AppContext.BaseDirectory, "RealtimeGrains.Host.dll"), .. args]);
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeGrains.Samples.Tools.Weather;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Tests.Hosting;

public sealed class OptionsValidationTests
{
    private static string Validate(Action<RealtimeSessionsOptions> configure, Action<IServiceCollection>? tools = null)
    {
        var services = new ServiceCollection();
        services.AddRealtimeSessions(configure);
        tools?.Invoke(services);
        using var provider = services.BuildServiceProvider();
        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RealtimeSessionsOptions>>().Value);
        return failure.Message;
    }

    [Fact]
    public void MissingEndpointAndKey_NameTheSettings()
    {
        var message = Validate(o => o.Upstream.Kind = UpstreamKind.AzureGa);

        Assert.Contains("RealtimeSessions:Upstream:Endpoint is required for AzureGa", message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSessions:Upstream:ApiKey is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadIdleTimeoutAndToolTimeout_NameTheSettings()
    {
        var message = Validate(
            o =>
            {
                o.Upstream.Endpoint = new Uri("http://127.0.0.1:1");
                o.Upstream.ApiKey = "k";
                o.IdleTimeout = TimeSpan.Zero;
                o.PersistInterval = TimeSpan.FromSeconds(-1);
            },
            services => services.AddRealtimeTool<IWeatherTool, WeatherQuery>("bad name!", "x", t => t.Timeout = TimeSpan.Zero));

        Assert.Contains("RealtimeSessions:IdleTimeout must be positive", message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSessions:PersistInterval must be between 0 and 1 minute", message, StringComparison.Ordinal);
        Assert.Contains("tool 'bad name!': the name must be", message, StringComparison.Ordinal);
        Assert.Contains("tool 'bad name!': Timeout must be positive", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(601)]
    public void BadConnectTimeout_NamesTheSetting(int seconds)
    {
        var message = Validate(o =>
        {
            o.Upstream.Endpoint = new Uri("http://127.0.0.1:1");
            o.Upstream.ApiKey = "k";
            o.Upstream.ConnectTimeout = TimeSpan.FromSeconds(seconds);
        });

        Assert.Contains("RealtimeSessions:Upstream:ConnectTimeout must be positive and at most 10 minutes", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UpstreamKind.AzurePreview, "https://res.openai.azure.com", "wss://res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime")]
    [InlineData(UpstreamKind.AzureGa, "https://res.openai.azure.com/", "wss://res.openai.azure.com/openai/v1/realtime?model=gpt-realtime")]
    [InlineData(UpstreamKind.OpenAI, "https://api.openai.com", "wss://api.openai.com/v1/realtime?model=gpt-realtime")]
    [InlineData(UpstreamKind.Simulator, "http://127.0.0.1:5000", "ws://127.0.0.1:5000/openai/v1/realtime?model=gpt-realtime")]
    public void Endpoint_PerKind(UpstreamKind kind, string endpoint, string expected)
    {
        var uri = UpstreamEndpoint.Build(new RealtimeUpstreamOptions { Kind = kind, Endpoint = new Uri(endpoint) });

        Assert.Equal(expected, uri.ToString());
    }

    [Fact]
    public void EndpointProvider_IsAskedAtEachBuild_AndSatisfiesValidation()
    {
        var port = 1000;
        var options = new RealtimeUpstreamOptions { EndpointProvider = () => new Uri($"http://127.0.0.1:{++port}") };

        Assert.Equal("ws://127.0.0.1:1001/openai/v1/realtime?model=gpt-realtime", UpstreamEndpoint.Build(options).ToString());
        Assert.Equal("ws://127.0.0.1:1002/openai/v1/realtime?model=gpt-realtime", UpstreamEndpoint.Build(options).ToString());
        var services = new ServiceCollection();
        services.AddRealtimeSessions(o =>
        {
            o.Upstream.EndpointProvider = () => new Uri("http://127.0.0.1:5");
            o.Upstream.ApiKey = "k";
        });
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IOptions<RealtimeSessionsOptions>>().Value);
    }

    [Fact]
    public void SessionLimit_DefaultsPerKind()
    {
        Assert.Equal(TimeSpan.FromMinutes(25), new RealtimeUpstreamOptions { Kind = UpstreamKind.AzureGa }.EffectiveSessionLimit());
        Assert.Equal(TimeSpan.FromMinutes(55), new RealtimeUpstreamOptions { Kind = UpstreamKind.OpenAI }.EffectiveSessionLimit());
    }
}

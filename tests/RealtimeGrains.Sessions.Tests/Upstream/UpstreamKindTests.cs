using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Sessions.Upstream;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Upstream;

/// <summary>The Azure preview (beta protocol) and OpenAI paths, against the simulator.</summary>
public sealed class UpstreamKindTests
{
    [Fact]
    public async Task AzurePreview_SpeaksBeta_ObserversStillGetGaEvents()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.Kind = UpstreamKind.AzurePreview);
        var session = silo.Session("preview-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("preview please").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        Assert.True(simulator.Latest.Beta);
        Assert.NotNull((string?)RecordingObserver.Json(observer.Events.First(e => e.Type == "response.created"))["response"]!["conversation_id"]);
        Assert.Equal("azure-preview", simulator.Latest.Endpoint);
        Assert.Contains("response.output_audio.delta", observer.ServerEventTypes);
        Assert.DoesNotContain("response.audio.delta", observer.ServerEventTypes);
        Assert.Equal("response.output_audio.delta", (string?)RecordingObserver.Json(observer.Events.First(e => e.Type == "response.output_audio.delta"))["type"]);
        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Equal(["preview please", "You said: preview please"], items.Select(i => i.Words));
        Assert.Equal(("", SimulatorServer.ApiKey), (simulator.ConnectHeaders.First().Authorization, simulator.ConnectHeaders.First().ApiKey));
    }

    [Fact]
    public async Task OpenAI_UsesBearerKey_OnTheV1Path()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.Kind = UpstreamKind.OpenAI);
        var session = silo.Session("openai-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("hi openai").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        Assert.Equal(("openai", false), (simulator.Latest.Endpoint, simulator.Latest.Beta));
        Assert.Equal(("", "Bearer " + SimulatorServer.ApiKey), simulator.ConnectHeaders.First());
    }
}

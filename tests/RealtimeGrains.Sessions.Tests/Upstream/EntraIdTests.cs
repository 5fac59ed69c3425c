using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Sessions.Upstream;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Upstream;

/// <summary>Microsoft Entra ID: a Bearer token for the Cognitive Services scope, refreshed before it expires. No Azure call.</summary>
public sealed class EntraIdTests
{
    [Fact]
    public async Task EntraId_ConnectsWithBearerToken_AndRefreshesItBeforeExpiry()
    {
        // The simulator accepts exactly the tokens the test credential will issue, as if they were keys.
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            o.ApiKeys.Add("entra-token-1");
            o.ApiKeys.Add("entra-token-2");
        });
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var credential = new TestTokenCredential(time);
        await using var silo = await SessionSilo.StartAsync(
            simulator,
            o =>
            {
                o.Upstream.Kind = UpstreamKind.AzureGa;
                o.Upstream.ApiKey = null;
                o.Upstream.UseEntraId = true;
                o.Upstream.Credential = credential;
                o.Upstream.TokenRefreshMargin = TimeSpan.FromMinutes(5);
            },
            time);
        var session = silo.Session("entra-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("hello").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        // Four minutes on, the token is still fresh: a reconnect reuses it.
        time.Advance(TimeSpan.FromMinutes(4));
        simulator.Inspector.Faults.DropSocketMidResponse(audioDeltas: 0);
        await session.CreateResponseAsync().Within("create response that drops");
        await observer.WaitForStatusAsync("upstream.ready", count: 2);

        // Six minutes on, it is within the refresh margin: the next connect gets a new one.
        time.Advance(TimeSpan.FromMinutes(2));
        simulator.Inspector.Faults.DropSocketMidResponse(audioDeltas: 0);
        await session.CreateResponseAsync().Within("create response that drops again");
        await observer.WaitForStatusAsync("upstream.ready", count: 3);

        Assert.Equal(
            [("", "Bearer entra-token-1"), ("", "Bearer entra-token-1"), ("", "Bearer entra-token-2")],
            simulator.ConnectHeaders.ToArray());
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal(["https://cognitiveservices.azure.com/.default"], scopes));
        Assert.Equal("azure-ga", simulator.Latest.Endpoint);
    }
}

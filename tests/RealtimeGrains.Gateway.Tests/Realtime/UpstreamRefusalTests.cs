using RealtimeGrains.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>An upstream that refuses the session reaches the client in protocol terms: an <c>error</c>, then the close — never silence.</summary>
public sealed class UpstreamRefusalTests(ITestOutputHelper output)
{
    private const string WrongKey = "wrong-upstream-key-0123456789";

    [Fact]
    public async Task WrongUpstreamKey_ClientGetsAnAuthenticationError_ThenTheConnectionCloses_NoSecretNamed()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            // The in-process simulator, with a key it does not accept: HTTP 401 at every connect.
            ["Upstream:Endpoint"] = "{url}/sim",
            ["Upstream:ApiKey"] = WrongKey,
        });
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");
        var attached = System.Diagnostics.Stopwatch.StartNew();

        var (error, _) = await client.WaitForAsync("error");
        var toError = attached.Elapsed;
        Assert.Equal("upstream_authentication_failed", error.GetProperty("error").GetProperty("code").GetString());
        var message = error.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("HTTP 401", message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, message, StringComparison.Ordinal);

        // The refusal cannot be mended by retrying: the server ends the connection (after its session_closed error).
        using var deadline = new CancellationTokenSource(GatewayServer.Deadline);
        while (await client.ReceiveAsync(deadline.Token) is { } next)
        {
            Assert.Equal("error", RawRealtimeSocket.TypeOf(next));
        }

        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, client.CloseStatus);
        output.WriteLine($"session.created -> error {toError.TotalMilliseconds:0} ms, -> close {attached.Elapsed.TotalMilliseconds:0} ms (a figure, not a bound)");
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(WrongKey, StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>
/// A spoken turn under server VAD whose response dies with the upstream socket: the Realtime-endpoint client sees the
/// response end as failed (as the protocol ends a response that did not finish), then the turn answered once, on the new upstream.
/// </summary>
public sealed class LostResponseTests
{
    [Fact]
    public async Task SpokenTurn_UpstreamDropsMidResponse_ClientSeesFailedThenOneAnswer()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync(body: GatewayServer.VoiceSession);
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");
        server.Services.GetRequiredService<ISimulatorInspector>().Faults.DropSocketMidResponse(audioDeltas: 2);

        byte[] speech = [.. Pcm16.Silence(400), .. ToneCode.Encode("open the pod bay doors"), .. Pcm16.Silence(800)];
        foreach (var chunk in speech.Chunk(4800))
        {
            await client.SendAsync($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(chunk)}}"}""");
        }

        var (failed, _) = await client.WaitForAsync("response.done");
        Assert.Equal("failed", failed.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("upstream_lost", failed.GetProperty("response").GetProperty("status_details").GetProperty("error").GetProperty("code").GetString());

        var (answered, seen) = await client.WaitForAsync("response.done");
        Assert.Equal("completed", answered.GetProperty("response").GetProperty("status").GetString());
        var replies = seen.Where(e => RawRealtimeSocket.TypeOf(e) == "response.output_audio_transcript.done").Select(e => e.GetProperty("transcript").GetString()).ToList();
        Assert.Equal(["You said: open the pod bay doors"], replies);
        Assert.DoesNotContain(seen, e => RawRealtimeSocket.TypeOf(e) == "error");
    }
}

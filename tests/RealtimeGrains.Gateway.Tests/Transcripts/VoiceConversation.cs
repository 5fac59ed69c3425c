using System.Text.Json;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Gateway.Tests.Transcripts;

/// <summary>
/// Drives one conversation through the gateway's Realtime endpoint against the in-process simulator: a typed turn that
/// makes the model call the server tool <c>get_weather</c>, then a spoken turn (tone code under server VAD). Counts the
/// audio it sent and the audio it received, as a recording of each direction must hold.
/// </summary>
public sealed class VoiceConversation
{
    public const string SpokenWords = "hello there";

    private VoiceConversation(string sessionId) => SessionId = sessionId;

    public string SessionId { get; }

    public long InputBytesSent { get; private set; }

    public long OutputBytesReceived { get; private set; }

    public List<JsonElement> Events { get; } = [];

    /// <summary>Runs both turns (or only the spoken one) and closes the client socket; the session stays (idle) on the server.</summary>
    public static async Task<VoiceConversation> RunAsync(GatewayServer server, bool withToolTurn = true)
    {
        var (token, sessionId) = await server.MintAsync(body: GatewayServer.VoiceSession);
        var conversation = new VoiceConversation(sessionId);
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        conversation.Collect(await client.WaitForAsync("session.created"));

        if (withToolTurn)
        {
            await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Please call get_weather for Paris"}]}}""");
            await client.SendAsync("""{"type":"response.create"}""");
            conversation.Collect(await client.WaitForAsync(IsSpokenReply, "the reply after the tool call"));
        }

        byte[] speech = [.. Pcm16.Silence(400), .. ToneCode.Encode(SpokenWords), .. Pcm16.Silence(800)];
        foreach (var chunk in speech.Chunk(4800))
        {
            await client.SendAsync($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(chunk)}}"}""");
            conversation.InputBytesSent += chunk.Length;
        }

        var transcribed = false;
        var replied = false;
        while (!transcribed || !replied)
        {
            var (match, seen) = await client.WaitForAsync(
                e => RawRealtimeSocket.TypeOf(e) == "conversation.item.input_audio_transcription.completed" || IsSpokenReply(e), "the spoken turn's transcription and reply");
            conversation.Collect((match, seen));
            transcribed |= RawRealtimeSocket.TypeOf(match) == "conversation.item.input_audio_transcription.completed";
            replied |= IsSpokenReply(match);
        }

        return conversation;
    }

    private static bool IsSpokenReply(JsonElement e) =>
        RawRealtimeSocket.TypeOf(e) == "response.done"
        && e.GetProperty("response").GetProperty("output").EnumerateArray().Any(o => o.GetProperty("type").GetString() == "message");

    private void Collect((JsonElement Match, List<JsonElement> Seen) wait)
    {
        foreach (var e in wait.Seen)
        {
            Events.Add(e);
            if (RawRealtimeSocket.TypeOf(e) == "response.output_audio.delta")
            {
                OutputBytesReceived += Convert.FromBase64String(e.GetProperty("delta").GetString()!).Length;
            }
        }
    }
}

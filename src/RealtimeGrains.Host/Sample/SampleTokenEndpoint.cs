using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>
/// <c>POST /sample/token</c>: the sample page's stand-in for an application server. Answers loopback callers only and
/// mints a client token for a new session (or, with <c>{"session_id":…}</c>, for that session to resume it).
/// </summary>
internal static class SampleTokenEndpoint
{
    public const string Path = "/sample/token";

    /// <summary>The sample's session: server VAD, input transcription, audio out, tool events shown (beta shape, as the sessions endpoint takes it).</summary>
    private const string SampleSession = """
        {"modalities":["audio","text"],"voice":"alloy","instructions":"You are a friendly voice assistant. Be brief.",
         "input_audio_format":"pcm16","output_audio_format":"pcm16","input_audio_transcription":{"model":"whisper-1"},
         "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500},
         "forward_tool_events":true}
        """;

    public static async Task HandleAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        string? sessionId = null;
        if (context.Request.ContentLength is > 0 and < 4096)
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("session_id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    sessionId = id.GetString();
                }
            }
            catch (JsonException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        if (sessionId is not null && !ClientTokenService.IsValidSessionId(sessionId))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var tokens = context.RequestServices.GetRequiredService<ClientTokenService>();
        var token = await tokens.MintAsync(sessionId, sessionId is null ? JsonDocument.Parse(SampleSession).RootElement.GetRawText() : null, options.TokenLifetime, context.RequestAborted);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("session_id", token.SessionId);
        writer.WriteStartObject("client_secret");
        writer.WriteString("value", token.Value);
        writer.WriteNumber("expires_at", token.ExpiresAt.ToUnixTimeSeconds());
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}

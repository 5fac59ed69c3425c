using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Gateway;

/// <summary>
/// <c>GET /v1/sessions/{id}/transcript</c> and <c>GET /v1/sessions/{id}/recording?direction=input|output</c> for the
/// application server (its server credential, as for minting tokens). Both read through <see cref="ISessionTranscriptGrain"/>,
/// which never creates a session nor opens an upstream.
/// </summary>
internal static class TranscriptEndpoints
{
    public static async Task HandleTranscriptAsync(HttpContext context, string id)
    {
        if (!await AdmitAsync(context, id).ConfigureAwait(false))
        {
            return;
        }

        var transcript = await GrainOf(context, id).GetTranscriptAsync().ConfigureAwait(false);
        if (transcript is null)
        {
            await NotFoundAsync(context, $"No session '{id}' (or it ended).").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, transcript, TranscriptJsonContext.Default.SessionTranscript, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task HandleRecordingAsync(HttpContext context, string id)
    {
        if (!await AdmitAsync(context, id).ConfigureAwait(false))
        {
            return;
        }

        var direction = context.Request.Query["direction"].ToString() switch
        {
            "input" => RecordingDirection.Input,
            "output" => RecordingDirection.Output,
            _ => (RecordingDirection?)null,
        };
        if (direction is null)
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "The 'direction' query parameter must be 'input' or 'output'.", "direction").ConfigureAwait(false);
            return;
        }

        await GrainOf(context, id).FlushRecordingAsync().ConfigureAwait(false);
        var store = context.RequestServices.GetRequiredService<IRecordingStore>();
        await using var wav = await store.OpenReadAsync(id, direction.Value, context.RequestAborted).ConfigureAwait(false);
        if (wav is null)
        {
            await NotFoundAsync(context, $"No {context.Request.Query["direction"]} recording of session '{id}'.").ConfigureAwait(false);
            return;
        }

        // The header names how much data it covers; a live recording may have grown past it while this reads.
        var header = new byte[44];
        await wav.ReadExactlyAsync(header, context.RequestAborted).ConfigureAwait(false);
        var dataBytes = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(40));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "audio/wav";
        context.Response.ContentLength = header.Length + dataBytes;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(header, context.RequestAborted).ConfigureAwait(false);
        await CopyAsync(wav, context.Response.Body, dataBytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<bool> AdmitAsync(HttpContext context, string id)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        if (!GatewayCredentials.IsServerCredential(options, GatewayCredentials.Find(context.Request)))
        {
            TranscriptLog.Unauthorized(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TranscriptEndpoints).FullName!), context.Request.Path.Value ?? string.Empty);
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Access denied due to invalid server credential.").ConfigureAwait(false);
            return false;
        }

        if (!ClientTokenService.IsValidSessionId(id))
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "Invalid session id: 1 to 64 letters, digits, '_' or '-'.", "id").ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private static ISessionTranscriptGrain GrainOf(HttpContext context, string id) =>
        context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ISessionTranscriptGrain>(id);

    private static Task NotFoundAsync(HttpContext context, string message) =>
        TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, "session_not_found", message);

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            count -= read;
        }
    }
}

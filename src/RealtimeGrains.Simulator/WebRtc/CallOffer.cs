using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The body of a call request: the raw SDP offer (<c>application/sdp</c>), or <c>multipart/form-data</c> with a part
/// <c>sdp</c> and an optional part <c>session</c> (GA session configuration JSON).
/// </summary>
/// <param name="Sdp">The SDP offer.</param>
/// <param name="SessionJson">The <c>session</c> part, a JSON object, or null.</param>
internal sealed record CallOffer(string Sdp, string? SessionJson)
{
    /// <summary>Largest accepted SDP offer.</summary>
    public const int MaxSdpBytes = 64 * 1024;

    private static readonly FormOptions Form = new() { MultipartBodyLengthLimit = 4 * MaxSdpBytes, ValueLengthLimit = 2 * MaxSdpBytes };

    public static async Task<(CallOffer? Offer, CallFailure? Failure)> ReadAsync(HttpRequest request, bool allowMultipart, CancellationToken cancellationToken)
    {
        string? sdp;
        string? session = null;
        var contentType = request.ContentType ?? string.Empty;
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) && allowMultipart)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(Form, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                return (null, CallFailure.BadRequest($"The multipart body could not be read: {ex.Message}"));
            }

            sdp = await PartAsync(form, "sdp", cancellationToken).ConfigureAwait(false);
            if (sdp is null)
            {
                return (null, CallFailure.BadRequest("Missing required parameter: 'sdp'.", "sdp"));
            }

            session = await PartAsync(form, "session", cancellationToken).ConfigureAwait(false);
            if (session is not null && !IsJsonObject(session))
            {
                return (null, CallFailure.BadRequest("Invalid 'session': expected a JSON object with the session configuration.", "session"));
            }
        }
        else if (contentType.Length == 0 || contentType.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            sdp = await ReadLimitedAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return (null, CallFailure.BadRequest(allowMultipart
                ? $"Unsupported Content-Type '{contentType}': send the SDP offer as application/sdp, or multipart/form-data with an 'sdp' part."
                : $"Unsupported Content-Type '{contentType}': send the SDP offer as application/sdp."));
        }

        if (Encoding.UTF8.GetByteCount(sdp) > MaxSdpBytes)
        {
            return (null, CallFailure.BadRequest($"The SDP offer exceeds {MaxSdpBytes / 1024} KiB.", "sdp"));
        }

        if (string.IsNullOrWhiteSpace(sdp))
        {
            return (null, CallFailure.BadRequest("Missing SDP offer: the request body is empty.", "sdp"));
        }

        if (!sdp.StartsWith("v=0", StringComparison.Ordinal) || !sdp.Contains("\nm=audio ", StringComparison.Ordinal))
        {
            return (null, CallFailure.BadRequest("The SDP offer is malformed: expected an SDP session description (v=0) with an audio media section (m=audio).", "sdp"));
        }

        return (new CallOffer(sdp, session), null);
    }

    private static async Task<string?> PartAsync(IFormCollection form, string name, CancellationToken cancellationToken)
    {
        if (form.TryGetValue(name, out var value))
        {
            return value.ToString();
        }

        if (form.Files.GetFile(name) is not { } file)
        {
            return null;
        }

        using var stream = file.OpenReadStream();
        return await ReadLimitedAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads at most one byte more than <see cref="MaxSdpBytes"/>, so an oversized body is seen without being buffered.</summary>
    private static async Task<string> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxSdpBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.Net.WebSockets;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Generation;
using RealtimeGrains.Fuzz.Hosting;
using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Targets;

/// <summary>
/// The gateway's Realtime endpoint, GA (<c>/openai/v1/realtime?model=…</c>) and beta (<c>/openai/realtime?api-version=…&amp;deployment=…</c>):
/// batches of generated frames in random order over one real socket each. Properties: every frame the protocol library
/// refuses (or that exceeds <c>Gateway:MaxRealtimeFrameBytes</c>) earns that client an <c>error</c> with the same code;
/// the socket stays open (oversized frames included: the product drains and refuses them); a sentinel sent last is
/// answered; a bystander session completes text turns throughout; no error-level log line, no unobserved exception.
/// <c>session.close</c> frames are not sent: ending the session is what they are for. Frames that are not UTF-8 go as
/// binary frames (refused with <c>invalid_json</c>): a text frame that is not UTF-8 breaks the WebSocket protocol, and
/// the server closes with 1007 (invalid payload data) as RFC 6455 asks; one batch per run checks that close.
/// </summary>
internal sealed class RealtimeEndpointTarget : IFuzzTarget
{
    public const string TargetName = "realtime";
    private const int Parallel = 2;

    private static readonly ProtocolLimits GatewayLimits = ProtocolLimits.Default with { MaxFrameBytes = FuzzGateway.MaxFrameBytes };

    private static readonly Dictionary<ProtocolDialect, Gen<byte[]>> Frames = new()
    {
        [ProtocolDialect.GA] = JsonGen.Frames(Seeds.ClientEvents(ProtocolDialect.GA)),
        [ProtocolDialect.Beta] = JsonGen.Frames(Seeds.ClientEvents(ProtocolDialect.Beta)),
    };

    private static readonly Gen<CorpusEntry> Batches =
        from dialect in Gen.Elements(ProtocolDialect.GA, ProtocolDialect.Beta)
        from count in Gen.Frequency((3, Gen.Choose(1, 40)), (2, Gen.Choose(41, 250)))
        from frames in Frames[dialect].ListOf(count)
        select CorpusEntry.ForFrames(TargetName, dialect, frames);

    public string Name => TargetName;

    public Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default) =>
        GatewayBatchRun.RunAsync(Name, settings, Parallel, Batches, CheckInvalidTextFrameAsync, RunBatchAsync, cancellationToken);

    public Task<FuzzReport> ReplayAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken cancellationToken = default) =>
        GatewayBatchRun.ReplayAsync(Name, entries, RunBatchAsync, cancellationToken);

    private static async Task RunBatchAsync(FuzzGateway gateway, CorpusEntry batch, long index, FuzzReport report, CancellationToken cancellationToken)
    {
        var frames = batch.FrameBytes().Where(f => !IsSessionClose(f, batch.Dialect)).ToList();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            if (PredictedRefusal(frame, batch.Dialect) is { } code)
            {
                expected[code] = expected.GetValueOrDefault(code) + 1;
            }
        }

        var received = new Dictionary<string, int>(StringComparer.Ordinal);
        var sentinel = "fuzz_sentinel_" + index;
        var phase = "connecting";
        try
        {
            await using var socket = await RealtimeSocket.ConnectAsync(gateway, batch.Dialect, cancellationToken).ConfigureAwait(false);
            void Seen(JsonElement evt)
            {
                if (RealtimeSocket.TypeOf(evt) == "error")
                {
                    var code = RealtimeSocket.ErrorCode(evt) ?? "(no code)";
                    received[code] = received.GetValueOrDefault(code) + 1;
                    report.Refuse(code);
                }
            }

            phase = "waiting for session.created";
            await socket.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "session.created", phase, Seen, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < frames.Count; i++)
            {
                phase = $"sending frame {i} of {frames.Count}";
                await socket.SendAsync(frames[i], IsText(frames[i]) ? WebSocketMessageType.Text : WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
                report.CountInput();
            }

            phase = "waiting for the sentinel's error";
            await socket.SendAsync($$"""{"type":"fuzz.sentinel","event_id":"{{sentinel}}"}""", cancellationToken).ConfigureAwait(false);
            await socket.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "error" && RealtimeSocket.ErrorEventId(e) == sentinel, phase, Seen, cancellationToken).ConfigureAwait(false);
            var missing = expected.Where(e => received.GetValueOrDefault(e.Key) < e.Value).Select(e => $"{e.Key}: {received.GetValueOrDefault(e.Key)} of {e.Value}").ToList();
            if (missing.Count > 0)
            {
                report.Find(index, "refusals without their error event (" + string.Join(", ", missing) + ")", batch);
            }
            else if (socket.State != WebSocketState.Open)
            {
                report.Find(index, $"the socket did not stay open: {socket.State} {socket.CloseStatus} {socket.CloseDescription}", batch);
            }
            else if (socket.ServerFrameError is { } bad)
            {
                report.Find(index, bad, batch);
            }
            else
            {
                report.Accept();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or IOException or HttpRequestException)
        {
            report.Find(index, $"{phase}: {ex.GetType().Name}: {ex.Message}", batch);
        }
    }

    private static bool IsText(byte[] frame) => System.Text.Unicode.Utf8.IsValid(frame);

    /// <summary>A text frame that is not UTF-8 closes the socket with 1007 (the bystander checks that others go on).</summary>
    private static async Task CheckInvalidTextFrameAsync(FuzzGateway gateway, FuzzReport report, CancellationToken cancellationToken)
    {
        var entry = CorpusEntry.ForFrames(TargetName, ProtocolDialect.GA, [[(byte)'{', 0xC3, 0x28, (byte)'}']]);
        await using var socket = await RealtimeSocket.ConnectAsync(gateway, ProtocolDialect.GA, cancellationToken).ConfigureAwait(false);
        await socket.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "session.created", "session.created", null, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(entry.FrameBytes().First(), WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
        string outcome;
        try
        {
            await socket.WaitForAsync(_ => false, "the close", null, cancellationToken).ConfigureAwait(false);
            outcome = "no close";
        }
        catch (WebSocketException)
        {
            outcome = $"closed {(socket.CloseStatus is { } status ? status.ToString() : "(reset before the close frame)")}";
        }
        catch (TimeoutException ex)
        {
            outcome = ex.Message;
        }

        // The server's WebSocket sends the 1007 close; the product then ends the connection, and the TCP reset can reach
        // the client before that close frame: closed either way, never open.
        report.Checks["a text frame that is not UTF-8"] = outcome;
        if (!outcome.StartsWith("closed", StringComparison.Ordinal) || socket.CloseStatus is not (null or WebSocketCloseStatus.InvalidPayloadData))
        {
            report.Find(-1, "a text frame that is not UTF-8 should close the socket (1007): " + outcome, entry);
        }
    }

    private static bool IsSessionClose(byte[] frame, ProtocolDialect dialect)
    {
        var parsed = RealtimeProtocol.ParseClientEvent(frame, dialect, GatewayLimits);
        using (parsed.Event as IDisposable)
        {
            return parsed.Event is SessionCloseEvent;
        }
    }

    /// <summary>The code of the gateway's own refusal of <paramref name="frame"/>, or null when it goes on to the session.</summary>
    private static string? PredictedRefusal(byte[] frame, ProtocolDialect dialect)
    {
        if (frame.Length > GatewayLimits.MaxFrameBytes)
        {
            return ProtocolErrorCodes.EventTooLarge;
        }

        if (!IsText(frame))
        {
            return ProtocolErrorCodes.InvalidJson; // sent as a binary frame
        }

        var parsed = RealtimeProtocol.ParseClientEvent(frame, dialect, GatewayLimits);
        using (parsed.Event as IDisposable)
        {
            return !parsed.IsSuccess ? parsed.Error.Code
                : parsed.Event is UnknownClientEvent unknown ? ProtocolErrors.UnknownEventType(unknown.WireType, dialect).Code
                : null;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// One voice session's client on the gateway's Realtime endpoint: runs its turns one after the other, reading every event in
/// order and keeping a <see cref="SessionLedger"/> of what it was shown. A turn ends when a completed response answers it,
/// when the server reports it lost (<c>response.done</c> failed <c>upstream_lost</c> without a re-run), or, for a barge-in,
/// when the cancelled response is done. A socket the server closes is reopened for the same session.
/// </summary>
internal sealed class SessionDriver(HostProcess host, RunClock clock, DriverOptions options, int seed)
{
    private const string ToolQuestion = "what is the weather in paris";
    private readonly Random _random = new(seed);
    private readonly HashSet<string> _sentItems = new(StringComparer.Ordinal);
    private readonly HashSet<int> _answered = [];
    private ChaosClient? _client;
    private string _short = "";
    private TimeSpan? _disturbedAt;
    private string? _streamingItem;

    public SessionLedger Ledger { get; private set; } = new("(not started)");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (token, sessionId) = await MintAsync(null, cancellationToken).ConfigureAwait(false);
            Ledger = new SessionLedger(sessionId);
            _short = Convert.ToHexStringLower(BitConverter.GetBytes(seed))[..6];
            await ConnectAsync(token, cancellationToken).ConfigureAwait(false);
            for (var turn = 1; options.Turns > 0 ? turn <= options.Turns : clock.Elapsed < options.Until; turn++)
            {
                if (!await RunTurnAsync(turn, KindOf(turn), cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                if (options.ReconnectEvery > 0 && turn % options.ReconnectEvery == 0)
                {
                    await ReconnectAsync(planned: true, cancellationToken).ConfigureAwait(false);
                }

                var think = options.ThinkTime * (0.5 + _random.NextDouble());
                await Task.Delay(think, cancellationToken).ConfigureAwait(false);
            }

            await SettleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            Ledger.Failures.Add(ex.Message);
        }
        finally
        {
            if (_client is not null)
            {
                await _client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private TurnKind KindOf(int turn) =>
        options.BargeInEvery > 0 && turn % options.BargeInEvery == options.BargeInEvery / 2 ? TurnKind.BargeIn
        : options.ToolEvery > 0 && turn % options.ToolEvery == 0 ? TurnKind.Tool
        : TurnKind.Text;

    /// <summary>Runs one turn; false when the session cannot go on (recorded in the ledger).</summary>
    private async Task<bool> RunTurnAsync(int turn, TurnKind kind, CancellationToken cancellationToken)
    {
        var text = kind == TurnKind.Tool ? ToolQuestion : $"turn {turn} of session {_short}";
        var itemId = $"u{turn.ToString("D4", CultureInfo.InvariantCulture)}{_short}";
        _sentItems.Add(itemId);
        Ledger.TurnsSent++;
        await SendAsync(UserText(itemId, text), cancellationToken).ConfigureAwait(false);
        await SendAsync("""{"type":"response.create"}""", cancellationToken).ConfigureAwait(false);
        var deadline = clock.Elapsed + options.TurnDeadline;
        var cancelSent = false;
        while (true)
        {
            var left = deadline - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                Ledger.Failures.Add($"turn {turn} ({kind}) was neither answered nor reported lost within {options.TurnDeadline.TotalSeconds:0} s");
                return false;
            }

            var next = await _client!.NextAsync(left, $"the answer to turn {turn}", cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                // The server closed the socket (a refused upstream, a moved session): reopen it and ask again.
                await ReconnectAsync(planned: false, cancellationToken).ConfigureAwait(false);
                await SendAsync("""{"type":"response.create"}""", cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (kind == TurnKind.BargeIn && !cancelSent && next.Type == "response.output_audio.delta")
            {
                cancelSent = true;
                await SendAsync("""{"type":"response.cancel"}""", cancellationToken).ConfigureAwait(false);
                if (_streamingItem is { } played)
                {
                    await SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{played}}","content_index":0,"audio_end_ms":200}""", cancellationToken).ConfigureAwait(false);
                }
            }

            switch (Apply(next, turn, kind))
            {
                case TurnEnd.Answered:
                    Ledger.TurnsAnswered++;
                    return true;
                case TurnEnd.LostTold:
                    Ledger.TurnsLostTold++;
                    return true;
                case TurnEnd.BargedIn:
                    Ledger.TurnsBargedIn++;
                    return true;
            }
        }
    }

    /// <summary>Keeps listening for <see cref="DriverOptions.Settle"/> after the last turn.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var until = clock.Elapsed + options.Settle;
        while (clock.Elapsed < until)
        {
            try
            {
                if (await _client!.NextAsync(until - clock.Elapsed, "nothing (settling)", cancellationToken).ConfigureAwait(false) is not { } next)
                {
                    return;
                }

                Apply(next, turn: 0, TurnKind.Text);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    /// <summary>Records one event; says whether it ends the current turn.</summary>
    private TurnEnd Apply(ServerEvent next, int turn, TurnKind kind)
    {
        switch (next.Type)
        {
            case "conversation.item.added" or "conversation.item.created" or "conversation.item.done":
                if (next.Get("item.id") is { } id && _sentItems.Contains(id))
                {
                    Ledger.UserItems.Add(id);
                }

                break;
            case "response.output_item.added" when next.Get("item.type") == "message":
                _streamingItem = next.Get("item.id");
                break;
            case "response.output_audio_transcript.delta":
                if (next.Get("item_id") is { } heardId)
                {
                    Ledger.HeardTranscripts[heardId] = Ledger.HeardTranscripts.GetValueOrDefault(heardId, "") + next.Get("delta");
                }

                break;
            case "response.output_item.done" when next.Get("item.type") == "message" && next.Get("item.id") is { } doneId:
                Ledger.AssistantItems[doneId] = next.Get("item.status") ?? "?";
                break;
            case "error":
                var code = next.Get("error.code") ?? "?";
                Ledger.Notice(code);
                if (code.StartsWith("upstream_", StringComparison.Ordinal))
                {
                    _disturbedAt ??= next.At;
                }

                break;
            case "response.done":
                return ResponseDone(next, turn, kind);
        }

        return TurnEnd.None;
    }

    private TurnEnd ResponseDone(ServerEvent done, int turn, TurnKind kind)
    {
        var status = done.Get("response.status");
        if (status == "failed" && done.Get("response.status_details.error.code") is "upstream_lost")
        {
            Ledger.Notice("upstream_lost");
            _disturbedAt ??= done.At;
            var rerun = done.Get("response.status_details.error.message")?.Contains("created again", StringComparison.Ordinal) == true;
            return rerun || turn == 0 ? TurnEnd.None : TurnEnd.LostTold;
        }

        if (status == "cancelled")
        {
            return kind == TurnKind.BargeIn && turn > 0 ? TurnEnd.BargedIn : TurnEnd.None;
        }

        if (status != "completed")
        {
            Ledger.Notice("response " + status);
            return TurnEnd.None;
        }

        if (MessageTranscript(done) is not { } said)
        {
            // A completed response without a message (the server tool's call): its follow-up answers the turn.
            return TurnEnd.None;
        }

        var answers = said.StartsWith("You said: turn ", StringComparison.Ordinal) && said.EndsWith(" of session " + _short, StringComparison.Ordinal)
            && int.TryParse(said.AsSpan(15, said.Length - 15 - 12 - _short.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var named)
            ? named
            : kind == TurnKind.Tool ? turn : -1;
        if (answers <= 0 || !_answered.Add(answers))
        {
            Ledger.DuplicateResponses++;
            return TurnEnd.None;
        }

        if (_disturbedAt is { } since)
        {
            Ledger.Recoveries.Add(done.At - since);
            _disturbedAt = null;
        }

        return answers == turn ? (kind == TurnKind.BargeIn ? TurnEnd.BargedIn : TurnEnd.Answered) : TurnEnd.None;
    }

    /// <summary>The transcript (or text) of the first message item of a <c>response.done</c>'s output.</summary>
    private static string? MessageTranscript(ServerEvent done)
    {
        if (done.Body is not { } body || !body.TryGetProperty("response", out var response) || !response.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in output.EnumerateArray())
        {
            if (item.TryGetProperty("type", out var type) && type.GetString() == "message" && item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    foreach (var name in new[] { "transcript", "text" })
                    {
                        if (part.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                        {
                            return value.GetString();
                        }
                    }
                }
            }
        }

        return null;
    }

    private static string UserText(string itemId, string text) =>
        $$$"""{"type":"conversation.item.create","item":{"id":"{{{itemId}}}","type":"message","role":"user","content":[{"type":"input_text","text":{{{JsonSerializer.Serialize(text)}}}}]}}""";

    private async Task SendAsync(string json, CancellationToken cancellationToken)
    {
        if (!await _client!.SendAsync(json, cancellationToken).ConfigureAwait(false))
        {
            // The socket went away under the send: reopen it and send again (once).
            await ReconnectAsync(planned: false, cancellationToken).ConfigureAwait(false);
            if (!await _client.SendAsync(json, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the client socket closed again right after a reconnect");
            }
        }
    }

    private async Task ReconnectAsync(bool planned, CancellationToken cancellationToken)
    {
        Ledger.Reconnects++;
        if (!planned)
        {
            Ledger.UnplannedReconnects++;
            Ledger.Notice("socket closed " + (_client?.CloseStatus?.ToString() ?? "(no close frame)"));
        }
        else
        {
            // Take in what is still on the way before leaving (a late duplicate must not go unseen).
            await SettleAsync(cancellationToken).ConfigureAwait(false);
        }

        await _client!.DisposeAsync().ConfigureAwait(false);
        var (token, _) = await MintAsync(Ledger.SessionId, cancellationToken).ConfigureAwait(false);
        await ConnectAsync(token, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectAsync(string token, CancellationToken cancellationToken)
    {
        _client = await ChaosClient.ConnectAsync(host, token, clock, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var until = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (true)
        {
            var next = await _client.NextAsync(until - clock.Elapsed, "session.created", cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the socket closed before session.created");
            Apply(next, turn: 0, TurnKind.Text);
            if (next.Type == "session.created")
            {
                return;
            }
        }
    }

    private async Task<(string Token, string SessionId)> MintAsync(string? sessionId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await host.MintAsync(sessionId).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < 5 && ex is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

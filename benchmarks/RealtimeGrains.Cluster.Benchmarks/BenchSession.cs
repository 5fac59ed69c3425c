using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// One product session as an application drives it: a token minted on its home silo, the Realtime socket to the same
/// silo (the grain is placed where its first client is), a user text turn every interval, and after its silo dies a
/// resume on a surviving silo with a fresh token for the same session id.
/// </summary>
internal sealed class BenchSession
{
    /// <summary>Longest wait for one step of a turn (the user item back, the first audio, the response's end).</summary>
    public static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReconnectDeadline = TimeSpan.FromSeconds(60);

    private CancellationTokenSource? _loop;
    private Task _loopTask = Task.CompletedTask;
    private int _turnNumber;
    private int _reconnects;

    public BenchSession(int index, HostProcess home)
    {
        Index = index;
        Home = home;
    }

    /// <summary>Its position among the run's sessions (home silo = index modulo the silos).</summary>
    public int Index { get; }

    /// <summary>The product session id (known once <see cref="AttachAsync"/> minted it).</summary>
    public string Id { get; private set; } = "";

    /// <summary>The silo its client is on (the grain's silo until the kill; the resume silo after).</summary>
    public HostProcess Home { get; private set; }

    /// <summary>The current client.</summary>
    public RealtimeClient? Client { get; private set; }

    /// <summary>Held for a whole turn: the turn loop and the cross-silo probe take turns on the session one at a time.</summary>
    public SemaphoreSlim TurnLock { get; } = new(1, 1);

    /// <summary>Answered turns of the turn loop (probe turns are counted by the probe).</summary>
    public ConcurrentQueue<TurnResult> Turns { get; } = new();

    /// <summary>Everything that failed in the turn loop.</summary>
    public ConcurrentQueue<SessionError> Errors { get; } = new();

    /// <summary>Reconnects after unplanned drops (not the failover's resume).</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Completed items the client saw (<c>conversation.item.done</c>) before the kill, by id.</summary>
    public HashSet<string> SeenBeforeKill { get; } = new(StringComparer.Ordinal);

    /// <summary>The item ids of its state blob, read before the kill.</summary>
    public HashSet<string>? Persisted { get; set; }

    /// <summary>The resume after the kill (affected sessions only).</summary>
    public ResumeResult? Resume { get; private set; }

    /// <summary>Mints a token for a new session on the home silo, connects there and waits for <c>session.created</c>; tries 3 times.</summary>
    public async Task AttachAsync(CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            RealtimeClient? client = null;
            try
            {
                var (token, id) = await Home.MintAsync().WaitAsync(StepDeadline, cancellationToken);
                client = await RealtimeClient.ConnectAsync(Home, token, StepDeadline, cancellationToken);
                var (created, _) = await client.WaitForAsync(0, e => e.Type is ClientEvent.SessionCreated or ClientEvent.Error, "session.created", StepDeadline, cancellationToken);
                if (created.Type == ClientEvent.Error || created.SessionId != id)
                {
                    throw new TurnFailedException($"Expected session.created for {id}, got {created.Type} {created.SessionId}{created.ErrorCode} {created.ErrorMessage}");
                }

                Id = id;
                Client = client;
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or ConnectFailedException or ConnectionLostException or TurnFailedException)
            {
                last = ex;
                if (client is not null)
                {
                    await client.DisposeAsync();
                }

                await Task.Delay(RetryPause, cancellationToken);
            }
        }

        throw new InvalidOperationException($"Session #{Index} could not be opened on {Home.Name}: {last?.Message}", last);
    }

    /// <summary>Starts the turn loop: first turn after <paramref name="offset"/>, then one every <paramref name="every"/>.</summary>
    public void StartTurns(TimeSpan offset, TimeSpan every, CancellationToken stop)
    {
        _loop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _loopTask = RunTurnsAsync(offset, every, _loop.Token);
    }

    /// <summary>Stops the turn loop (a turn in flight is abandoned) and waits for it to end.</summary>
    public async Task StopTurnsAsync()
    {
        if (_loop is { } loop)
        {
            await loop.CancelAsync();
            await _loopTask.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            loop.Dispose();
            _loop = null;
        }
    }

    /// <summary>Notes the completed items the client has seen so far (just before the kill).</summary>
    public void NoteSeenItems()
    {
        if (Client is { } client)
        {
            SeenBeforeKill.UnionWith(client.Events(0, client.Count).Where(e => e.Type == ClientEvent.ItemDone && e.ItemId is not null).Select(e => e.ItemId!));
        }
    }

    /// <summary>
    /// One turn on <paramref name="client"/>: user text and <c>response.create</c>, then the user item back, the reply's first
    /// audio delta and its <c>response.done</c>. Returns the turn and the log position of the user item.
    /// </summary>
    public static async Task<(TurnResult Turn, int UserItemIndex)> TurnAsync(
        RealtimeClient client, string text, TimeSpan audioDeadline, TimeSpan doneDeadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var from = client.Count;
        var sentAt = BenchmarkClock.Now;
        await client.SendTurnAsync(text, SendDeadline, cancellationToken);
        var (mark, userItem) = await client.WaitForAsync(
            from, e => (e.Type == ClientEvent.ItemDone && e.Role == "user" && e.Text == text) || e.Type == ClientEvent.Error, $"the user item \"{text}\"", audioDeadline, cancellationToken);
        if (mark.Type == ClientEvent.Error)
        {
            throw new TurnFailedException($"error {mark.ErrorCode}: {mark.ErrorMessage}");
        }

        var position = userItem;
        for (var tries = 1; ; tries++)
        {
            var (first, at) = await client.WaitForAsync(
                position, e => e.Type is ClientEvent.AudioDelta or ClientEvent.Error or ClientEvent.ResponseDone, $"the first audio of \"{text}\"", audioDeadline, cancellationToken);
            if (first.Type == ClientEvent.AudioDelta)
            {
                var (done, _) = await client.WaitForAsync(
                    at, e => e.Type == ClientEvent.ResponseDone && e.ResponseId == first.ResponseId, $"response.done of \"{text}\"", doneDeadline, cancellationToken);
                if (done.Status != "completed")
                {
                    throw new TurnFailedException($"the response of \"{text}\" ended {done.Status} ({done.ErrorCode})");
                }

                return (new TurnResult(client.Silo, sentAt, first.At, done.At), userItem);
            }

            if (first.Type == ClientEvent.Error && first.ErrorCode == "conversation_already_has_active_response" && tries < 3)
            {
                // Another response (a re-run of one lost with the old upstream) streams: ask again when it is done.
                var (_, end) = await client.WaitForAsync(at, e => e.Type == ClientEvent.ResponseDone, "the other response's end", doneDeadline, cancellationToken);
                await client.SendAsync("""{"type":"response.create"}""", SendDeadline, cancellationToken);
                position = end + 1;
                continue;
            }

            throw first.Type == ClientEvent.Error
                ? new TurnFailedException($"error {first.ErrorCode}: {first.ErrorMessage}")
                : new TurnFailedException($"the response of \"{text}\" ended {first.Status} ({first.ErrorCode}) before any audio");
        }
    }

    /// <summary>
    /// After the kill: waits for the old socket to end, then tries — a fresh token for the same session on the next surviving
    /// silo each time, connect, <c>session.created</c>, the replayed items, one turn — until the session is live again or
    /// <paramref name="until"/> passes; a handshake gets <paramref name="connectTimeout"/> per try. Restarts the turn loop on success.
    /// </summary>
    public async Task<ResumeResult> ResumeAsync(IReadOnlyList<HostProcess> survivors, TimeSpan until, TimeSpan every, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        var result = Resume = new ResumeResult();
        TimeSpan Left() => until - BenchmarkClock.Now;
        var old = Client!;
        try
        {
            await old.Closed.WaitAsync(Left() > TimeSpan.Zero ? Left() : TimeSpan.Zero, cancellationToken);
            result.DroppedAt = old.ClosedAt;
        }
        catch (TimeoutException)
        {
            result.LastFailure = $"its socket on {old.Silo} did not end before the deadline";
            return result;
        }

        await old.DisposeAsync();
        for (var attempt = 0; Left() > TimeSpan.Zero && !cancellationToken.IsCancellationRequested; attempt++)
        {
            var silo = survivors[(Index + attempt) % survivors.Count];
            result.Attempts++;
            string token;
            try
            {
                (token, _) = await silo.MintAsync(Id).WaitAsync(Left(), cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                result.Fail("mint: " + MintFailureKind(ex), ex.Message);
                await PauseAsync(cancellationToken);
                continue;
            }

            // The stamps of each try overwrite the last one's (progress lines count them); the successful try's remain.
            result.MintedAt = BenchmarkClock.Now;
            result.ConnectedAt = result.CreatedAt = null;
            RealtimeClient? client = null;
            try
            {
                client = await RealtimeClient.ConnectAsync(silo, token, Min(Left(), connectTimeout), cancellationToken);
                result.ConnectedAt = BenchmarkClock.Now;
                var (created, _) = await client.WaitForAsync(0, e => e.Type is ClientEvent.SessionCreated or ClientEvent.Error, "session.created", Min(Left(), StepDeadline), cancellationToken);
                if (created.Type == ClientEvent.Error)
                {
                    throw new TurnFailedException($"error {created.ErrorCode}: {created.ErrorMessage}");
                }

                result.CreatedAt = created.At;
                var (turn, userItem) = await TurnAsync(client, $"resume s{Index.ToString(CultureInfo.InvariantCulture)}", Left(), StepDeadline, cancellationToken);
                result.LiveAt = turn.FirstAudioAt;
                result.Silo = silo.Name;
                result.Replayed.UnionWith(client.Events(0, userItem).Where(e => e.Type == ClientEvent.ItemDone && e.ItemId is not null).Select(e => e.ItemId!));
                Client = client;
                Home = silo;
                StartTurns(every, every, cancellationToken);
                return result;
            }
            catch (ConnectFailedException ex)
            {
                result.Fail("connect: " + ex.Kind, ex.Message);
            }
            catch (ConnectionLostException ex)
            {
                result.Fail("after connect: socket ended", ex.Message);
            }
            catch (TimeoutException ex)
            {
                result.Fail("after connect: timeout", ex.Message);
            }
            catch (TurnFailedException ex)
            {
                result.Fail("after connect: " + ex.Message.Split(':')[0], ex.Message);
            }

            if (client is not null)
            {
                await client.DisposeAsync();
            }

            await PauseAsync(cancellationToken);
        }

        return result;
    }

    private async Task RunTurnsAsync(TimeSpan offset, TimeSpan every, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(offset, cancellationToken);
            var next = BenchmarkClock.Now;
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = Client!;
                await TurnLock.WaitAsync(cancellationToken);
                try
                {
                    var text = $"t{Interlocked.Increment(ref _turnNumber).ToString(CultureInfo.InvariantCulture)} s{Index.ToString(CultureInfo.InvariantCulture)}";
                    var (turn, _) = await TurnAsync(client, text, StepDeadline, StepDeadline, cancellationToken);
                    Turns.Enqueue(turn);
                }
                catch (TimeoutException ex)
                {
                    Errors.Enqueue(new SessionError(BenchmarkClock.Now, "timeout", ex.Message));
                }
                catch (TurnFailedException ex)
                {
                    Errors.Enqueue(new SessionError(BenchmarkClock.Now, ex.Message.Split(':')[0], ex.Message));
                }
                catch (ConnectionLostException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // A socket that ends with no kill meant for it (a silo whose lease lapsed tells its clients to reconnect,
                    // 1012): counted, then the client does what an application does: resumes on its silo.
                    Errors.Enqueue(new SessionError(BenchmarkClock.Now, "socket lost", ex.Message));
                    if (!await ReconnectAsync(cancellationToken))
                    {
                        Errors.Enqueue(new SessionError(BenchmarkClock.Now, "reconnect failed", $"no reconnect on {Home.Name} within {ReconnectDeadline.TotalSeconds:0} s"));
                        return;
                    }
                }
                finally
                {
                    TurnLock.Release();
                }

                next += every;
                var wait = next - BenchmarkClock.Now;
                if (wait < TimeSpan.Zero)
                {
                    next = BenchmarkClock.Now;
                    wait = TimeSpan.Zero;
                }

                await Task.Delay(wait, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionLostException && cancellationToken.IsCancellationRequested)
        {
            // Stopped (the end of the run, or the kill of this session's silo).
        }
    }

    /// <summary>After an unplanned drop: a fresh token for the same session on the same silo, connect, <c>session.created</c>; retried for <see cref="ReconnectDeadline"/>.</summary>
    private async Task<bool> ReconnectAsync(CancellationToken cancellationToken)
    {
        NoteSeenItems();
        var old = Client;
        var until = BenchmarkClock.Now + ReconnectDeadline;
        while (BenchmarkClock.Now < until)
        {
            RealtimeClient? client = null;
            try
            {
                var (token, _) = await Home.MintAsync(Id).WaitAsync(StepDeadline, cancellationToken);
                client = await RealtimeClient.ConnectAsync(Home, token, StepDeadline, cancellationToken);
                var (created, _) = await client.WaitForAsync(0, e => e.Type is ClientEvent.SessionCreated or ClientEvent.Error, "session.created", StepDeadline, cancellationToken);
                if (created.Type == ClientEvent.Error)
                {
                    throw new TurnFailedException($"error {created.ErrorCode}: {created.ErrorMessage}");
                }

                Client = client;
                Interlocked.Increment(ref _reconnects);
                if (old is not null)
                {
                    await old.DisposeAsync();
                }

                return true;
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or ConnectFailedException or ConnectionLostException or TurnFailedException)
            {
                if (client is not null)
                {
                    await client.DisposeAsync();
                }

                await Task.Delay(RetryPause, cancellationToken);
            }
        }

        return false;
    }

    private static string MintFailureKind(Exception ex) => ex switch
    {
        InvalidOperationException when ex.Message.Contains("answered ", StringComparison.Ordinal) =>
            "http " + ex.Message.Split("answered ")[1].Split(':')[0],
        _ => ex.GetType().Name,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a > TimeSpan.Zero ? a : TimeSpan.Zero) : b;

    private static Task PauseAsync(CancellationToken cancellationToken) =>
        Task.Delay(RetryPause, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
}

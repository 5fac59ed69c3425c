using System.Collections.Concurrent;
using System.Globalization;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// Cross-silo added first-audio latency: on a few sessions a second client attaches through another silo's gateway (a
/// token minted there for the same session id; the grain stays on its silo, so that client's events and the session's
/// events cross between silos). Each probe turn is a pair on one session, back to back under the same load: a turn sent
/// by the client on the grain's silo, then one sent by the client on the other silo; each is timed from its user text to
/// the first audio delta that client receives. The session's own turn loop waits meanwhile (its turn lock).
/// </summary>
internal sealed class CrossSiloProbe
{
    private static readonly TimeSpan PairGap = TimeSpan.FromMilliseconds(300);

    /// <summary>First-audio latency of turns sent from the grain's silo.</summary>
    public ConcurrentBag<double> LocalMs { get; } = [];

    /// <summary>First-audio latency of turns sent from another silo.</summary>
    public ConcurrentBag<double> RemoteMs { get; } = [];

    /// <summary>Remote minus local of each pair.</summary>
    public ConcurrentBag<double> PairDifferenceMs { get; } = [];

    /// <summary>What failed (attaches and turns), one line each.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>The sessions probed.</summary>
    public int SessionsProbed { get; private set; }

    /// <summary>Runs <paramref name="pairs"/> pairs spread over up to <paramref name="maxSessions"/> sessions (one per home silo first), in parallel per session.</summary>
    public async Task RunAsync(IReadOnlyList<BenchSession> sessions, IReadOnlyList<HostProcess> silos, int pairs, int maxSessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(silos);
        var probed = sessions.Where(s => s.Client is not null).Take(Math.Min(maxSessions, pairs)).ToList();
        SessionsProbed = probed.Count;
        if (probed.Count == 0)
        {
            return;
        }

        await Task.WhenAll(probed.Select((session, slot) =>
        {
            var share = (pairs / probed.Count) + (slot < pairs % probed.Count ? 1 : 0);
            var other = silos[(silos.ToList().IndexOf(session.Home) + 1) % silos.Count];
            return ProbeSessionAsync(session, other, share, cancellationToken);
        }));
    }

    private async Task ProbeSessionAsync(BenchSession session, HostProcess other, int pairs, CancellationToken cancellationToken)
    {
        RealtimeClient? remote = null;
        try
        {
            var (token, _) = await other.MintAsync(session.Id).WaitAsync(BenchSession.StepDeadline, cancellationToken);
            remote = await RealtimeClient.ConnectAsync(other, token, BenchSession.StepDeadline, cancellationToken);
            var (created, _) = await remote.WaitForAsync(0, e => e.Type is ClientEvent.SessionCreated or ClientEvent.Error, "session.created", BenchSession.StepDeadline, cancellationToken);
            if (created.Type != ClientEvent.SessionCreated || created.SessionId != session.Id)
            {
                Failures.Enqueue($"{session.Id} on {other.Name}: attach answered {created.Type} {created.ErrorCode} {created.ErrorMessage}");
                return;
            }

            for (var pair = 1; pair <= pairs; pair++)
            {
                await session.TurnLock.WaitAsync(cancellationToken);
                try
                {
                    var tag = $"p{pair.ToString(CultureInfo.InvariantCulture)} s{session.Index.ToString(CultureInfo.InvariantCulture)}";
                    var (local, _) = await BenchSession.TurnAsync(session.Client!, tag + " here", BenchSession.StepDeadline, BenchSession.StepDeadline, cancellationToken);
                    var (far, _) = await BenchSession.TurnAsync(remote, tag + " there", BenchSession.StepDeadline, BenchSession.StepDeadline, cancellationToken);
                    LocalMs.Add(local.FirstAudio.TotalMilliseconds);
                    RemoteMs.Add(far.FirstAudio.TotalMilliseconds);
                    PairDifferenceMs.Add((far.FirstAudio - local.FirstAudio).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is TimeoutException or TurnFailedException or ConnectionLostException)
                {
                    Failures.Enqueue($"{session.Id} pair {pair}: {ex.Message}");
                }
                finally
                {
                    session.TurnLock.Release();
                }

                await Task.Delay(PairGap, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or ConnectFailedException or ConnectionLostException)
        {
            Failures.Enqueue($"{session.Id} on {other.Name}: {ex.Message}");
        }
        finally
        {
            if (remote is not null)
            {
                await remote.DisposeAsync();
            }
        }
    }
}

using FsCheck;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Hosting;

namespace RealtimeGrains.Fuzz.Running;

/// <summary>
/// The run and the replay of a target that sends batches to a whole gateway: one host, a bystander session answering
/// throughout, generated batches over a few parallel workers (or the corpus entries in order), the host's log and
/// unobserved exceptions collected at the end.
/// </summary>
internal static class GatewayBatchRun
{
    /// <summary>Runs <paramref name="settings"/>' inputs: <paramref name="before"/> once, then batches drawn from <paramref name="batches"/>.</summary>
    public static async Task<FuzzReport> RunAsync(
        string name,
        FuzzSettings settings,
        int parallel,
        Gen<CorpusEntry> batches,
        Func<FuzzGateway, FuzzReport, CancellationToken, Task> before,
        Func<FuzzGateway, CorpusEntry, long, FuzzReport, CancellationToken, Task> runBatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var report = new FuzzReport(name, settings.Seed);
        await using var gateway = await FuzzGateway.StartAsync(cancellationToken).ConfigureAwait(false);
        var progress = settings.Throttled(TimeSpan.FromSeconds(5));
        long next = -1;
        await using (new BystanderLoop(gateway, report))
        {
            await before(gateway, report, cancellationToken).ConfigureAwait(false);
            var workers = Enumerable.Range(0, parallel).Select(async _ =>
            {
                while (report.Inputs < settings.Inputs && !cancellationToken.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref next);
                    await runBatch(gateway, Sampler.Draw(batches, settings.Seed, index), index, report, cancellationToken).ConfigureAwait(false);
                    progress(report);
                }
            });
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        gateway.Collect(report);
        report.Stop();
        return report;
    }

    /// <summary>Replays corpus <paramref name="entries"/> in order.</summary>
    public static async Task<FuzzReport> ReplayAsync(
        string name,
        IReadOnlyList<CorpusEntry> entries,
        Func<FuzzGateway, CorpusEntry, long, FuzzReport, CancellationToken, Task> runBatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var report = new FuzzReport(name, 0);
        await using var gateway = await FuzzGateway.StartAsync(cancellationToken).ConfigureAwait(false);
        await using (new BystanderLoop(gateway, report))
        {
            for (var i = 0; i < entries.Count; i++)
            {
                await runBatch(gateway, entries[i], i, report, cancellationToken).ConfigureAwait(false);
            }
        }

        gateway.Collect(report);
        report.Stop();
        return report;
    }
}

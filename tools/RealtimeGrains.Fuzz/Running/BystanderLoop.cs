using RealtimeGrains.Fuzz.Hosting;

namespace RealtimeGrains.Fuzz.Running;

/// <summary>
/// While a target runs, a well-behaved session on the same gateway completes a text turn about once a second; its
/// outcome goes into the report (a failed turn is a finding).
/// </summary>
internal sealed class BystanderLoop : IAsyncDisposable
{
    private readonly FuzzGateway _gateway;
    private readonly FuzzReport _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _turns;

    public BystanderLoop(FuzzGateway gateway, FuzzReport report)
    {
        _gateway = gateway;
        _report = report;
        _loop = RunAsync();
    }

    /// <summary>Stops the loop, then runs one more turn after the fuzzing, and records the figures.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        var after = await Bystander.TextTurnAsync(_gateway).ConfigureAwait(false);
        if (after is not null)
        {
            _report.Find(-1, "after the fuzzing: " + after, new Corpus.CorpusEntry { Target = _report.Target });
        }

        _report.Checks["bystander text turns"] = $"{_turns} completed during the run, the one after {(after is null ? "completed" : "FAILED")}";
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await pace.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (await Bystander.TextTurnAsync(_gateway, _stop.Token).ConfigureAwait(false) is { } problem)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        return;
                    }

                    _report.Find(-1, "during the fuzzing: " + problem, new Corpus.CorpusEntry { Target = _report.Target });
                }
                else
                {
                    _turns++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

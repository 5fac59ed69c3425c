namespace RealtimeGrains.Fuzz.Running;

/// <summary>How one target runs: how many generated inputs, from which seed, and where progress goes.</summary>
/// <param name="Inputs">Generated inputs to try (frames, hub calls or requests).</param>
/// <param name="Seed">The seed: the same seed gives the same inputs.</param>
/// <param name="Progress">Called now and then with the report so far (null: quiet).</param>
internal sealed record FuzzSettings(long Inputs, int Seed, Action<FuzzReport>? Progress = null)
{
    /// <summary>Calls <see cref="Progress"/> at most every <paramref name="every"/>.</summary>
    public Action<FuzzReport> Throttled(TimeSpan every)
    {
        var last = System.Diagnostics.Stopwatch.StartNew();
        return report =>
        {
            if (Progress is not null && last.Elapsed >= every)
            {
                last.Restart();
                Progress(report);
            }
        };
    }
}

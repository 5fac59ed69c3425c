namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>Prints a progress line every <c>every</c> (default 5 s) until disposed.</summary>
internal sealed class ProgressTicker : IDisposable
{
    private readonly Timer _timer;

    public ProgressTicker(TextWriter output, RunClock clock, Func<string> line, TimeSpan? every = null)
    {
        var period = every ?? TimeSpan.FromSeconds(5);
        _timer = new Timer(_ => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line()}"), null, period, period);
    }

    public void Dispose() => _timer.Dispose();
}

using System.Diagnostics;

namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>
/// Runs the scenarios of one <see cref="Shape"/>: each warms up (unmeasured rounds for at least the warm-up time),
/// then <c>rounds</c> measured rounds of <c>calls</c> calls each, interleaved (round 1 of every scenario, then
/// round 2, ...) so that a change in machine load hits all scenarios alike. Every caller awaits one call at a
/// time. Reports the median round of each scenario.
/// </summary>
public static class CallBenchmark
{
    public static async Task<IReadOnlyList<RoundResult>> RunAsync(
        Shape shape, IReadOnlyList<Scenario> scenarios, int rounds, int calls, TimeSpan warmup)
    {
        var perCaller = Math.Max(1, calls / shape.Callers);
        foreach (var scenario in scenarios)
        {
            await WarmUpAsync(shape, perCaller, warmup, scenario.Call);
        }

        var rates = scenarios.Select(_ => new double[rounds]).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var s = 0; s < scenarios.Count; s++)
            {
                var rate = rates[s][r] = await RoundAsync(shape, perCaller, scenarios[s].Call);
                Console.WriteLine(
                    $"  {scenarios[s].Name,-34} {shape.Label,-6} round {r + 1}/{rounds}: {rate,12:N0} calls/s {1e6 / rate,8:F2} µs/call");
            }
        }

        return scenarios.Select((scenario, s) =>
        {
            var sorted = rates[s].Order().ToArray();
            var median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[(rounds / 2) - 1] + sorted[rounds / 2]) / 2;
            return new RoundResult(scenario.Name, shape, median, sorted[0], sorted[^1]);
        }).ToArray();
    }

    /// <summary>Unmeasured rounds of half size until <paramref name="warmup"/> has passed (JIT tiering, pools).</summary>
    public static async Task WarmUpAsync(Shape shape, int perCaller, TimeSpan warmup, Func<int, Task> call)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            await RoundAsync(shape, Math.Max(1, perCaller / 2), call);
        }
        while (watch.Elapsed < warmup);
    }

    private static async Task<double> RoundAsync(Shape shape, int perCaller, Func<int, Task> call)
    {
        var watch = Stopwatch.StartNew();
        var callers = new Task[shape.Callers];
        for (var c = 0; c < callers.Length; c++)
        {
            var target = c % shape.Targets;
            callers[c] = Task.Run(async () =>
            {
                for (var i = 0; i < perCaller; i++)
                {
                    await call(target);
                }
            });
        }

        await Task.WhenAll(callers);
        return (double)perCaller * shape.Callers / watch.Elapsed.TotalSeconds;
    }
}

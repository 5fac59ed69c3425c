using System.Globalization;
using Spectre.Console;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// The live progress of a run: a Spectre.Console live line on a terminal, plain lines (every few seconds and at each stage)
/// when the output is redirected, so logs of CI runs stay readable.
/// </summary>
internal sealed class ProgressView(IAnsiConsole console, bool interactive)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    public static ProgressView ForConsole()
    {
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive)
        {
            // Redirected output has no width: do not wrap log lines at 80 columns.
            AnsiConsole.Profile.Width = 400;
        }

        return new ProgressView(AnsiConsole.Console, interactive);
    }

    public void Line(string text) => console.WriteLine(text);

    public void Summary(PhaseResult r) => console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {r.Path,-16} {r.Sessions,5} sessions: sustained {r.Sustained}/{r.Sessions}, first audio p50/p95/p99 {r.FirstAudioP50:0.0}/{r.FirstAudioP95:0.0}/{r.FirstAudioP99:0.0} ms, " +
        $"middle cpu {r.MiddleCores:0.00} cores ({r.MiddleCpuMsPerSessionSecond:0.000} ms/session-s), simulator {r.SimulatorCores:0.00}, loadgen {r.LoadGenCores:0.00}, input sent late p99 {r.InputLatenessP99:0} ms, errors {r.Errors}"));

    /// <summary>One line per target when the phase ran against several.</summary>
    public void TargetSummary(PhaseResult r)
    {
        foreach (var t in r.Targets ?? [])
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {t.Url,-28} {t.Sessions,5} sessions: sustained {t.Sustained}/{t.Sessions}, errors {t.Errors}{(t.ErrorCodes.Length > 0 ? " (" + t.ErrorCodes + ")" : string.Empty)}"));
        }
    }

    public async Task<PhaseResult> RunPhaseAsync(LoadPhase phase, CancellationToken cancellationToken = default)
    {
        if (!interactive)
        {
            var last = TimeSpan.MinValue;
            var lastStage = string.Empty;
            return await phase.RunAsync(p =>
            {
                if (p.Stage != lastStage || p.Elapsed - last >= PlainEvery)
                {
                    last = p.Elapsed;
                    lastStage = p.Stage;
                    console.WriteLine(Describe(p));
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        PhaseResult? result = null;
        await console.Live(new Markup("starting…")).AutoClear(true).StartAsync(async context =>
        {
            result = await phase.RunAsync(p =>
            {
                context.UpdateTarget(new Markup(Markup.Escape(Describe(p))));
                context.Refresh();
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private static string Describe(PhaseProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"  [{p.Path}] {p.Stage,-9} t={p.Elapsed.TotalSeconds,5:0}s started {p.Started}/{p.Target} connected {p.Connected} turns {p.Turns} first audio p50/p99 {p.FirstAudioP50:0.0}/{p.FirstAudioP99:0.0} ms errors {p.Errors}");
}

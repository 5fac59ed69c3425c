using System.Globalization;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Fuzz.Targets;

namespace RealtimeGrains.Fuzz.Cli;

/// <summary>
/// <c>dotnet run -c Release --project tools/RealtimeGrains.Fuzz -- --target all --inputs 100000 --seed 1</c>: runs each
/// target, prints progress and per-target figures, saves what it found as corpus entries, exits 1 on any finding.
/// </summary>
internal static class FuzzCommand
{
    public const string Usage = """
        usage: RealtimeGrains.Fuzz [--target parser|realtime|hub|tokens|all] [--inputs N] [--seed N] [--findings DIR] [--replay DIR]
          --target    what to fuzz (default all)
          --inputs    generated inputs per target (default 100000)
          --seed      the seed; the same seed gives the same inputs (default: random, printed)
          --findings  where inputs that broke a property are written as corpus entries (default ./fuzz-findings)
          --replay    replay the corpus entries in DIR (e.g. tests/RealtimeGrains.Fuzz.Tests/Corpus) instead of generating
        """;

    public static IReadOnlyList<IFuzzTarget> Targets { get; } =
        [new ParserTarget(), new RealtimeEndpointTarget(), new HubTarget(), new TokenEndpointTarget()];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string target = "all", findings = "fuzz-findings";
        string? replay = null;
        long inputs = 100_000;
        var seed = Random.Shared.Next();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--target" when value is not null: target = value; i++; break;
                case "--inputs" when long.TryParse(value, CultureInfo.InvariantCulture, out inputs): i++; break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out seed): i++; break;
                case "--findings" when value is not null: findings = value; i++; break;
                case "--replay" when value is not null: replay = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        var chosen = Targets.Where(t => target == "all" || t.Name == target).ToList();
        if (chosen.Count == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine(replay is null
            ? $"fuzz: targets {string.Join(",", chosen.Select(t => t.Name))}, {inputs:N0} inputs each, seed {seed}, {Environment.ProcessorCount} cores, load {LoadAverage()}"
            : $"fuzz: replaying {replay}");
        var failed = false;
        foreach (var each in chosen)
        {
            var settings = new FuzzSettings(inputs, seed, r => Console.WriteLine($"  {r.Target}: {r.Inputs:N0}/{inputs:N0} inputs, {r.InputsPerSecond:N0}/s, {r.Crashes} crashes, load {LoadAverage()}"));
            FuzzReport report;
            if (replay is null)
            {
                report = await each.RunAsync(settings).ConfigureAwait(false);
            }
            else
            {
                report = await each.ReplayAsync([.. CorpusStore.Load(replay).Select(e => e.Entry).Where(e => e.Target == each.Name)]).ConfigureAwait(false);
            }

            Console.Write(report);
            foreach (var finding in report.Findings)
            {
                Console.WriteLine("  saved " + CorpusStore.Save(findings, $"{finding.Target}-seed{finding.Seed}-input{finding.Index}", finding.Input));
            }

            failed |= report.Failed;
        }

        if (!Hosting.FuzzGateway.ShutdownNotes.IsEmpty)
        {
            Console.WriteLine($"note: {Hosting.FuzzGateway.ShutdownNotes.Count} unobserved task exception(s) surfaced after a host stopped (not counted above):");
            foreach (var note in Hosting.FuzzGateway.ShutdownNotes.Take(3))
            {
                Console.WriteLine("  " + FuzzReport.Shorten(note.ReplaceLineEndings(" "), 300));
            }
        }

        Console.WriteLine(failed ? "fuzz: FAILED" : "fuzz: passed");
        return failed ? 1 : 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}

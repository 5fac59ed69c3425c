using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RealtimeGrains.Fuzz.Running;

/// <summary>What one target's run did: inputs, refusals by error code, accepted inputs, findings, exceptions and error logs.</summary>
internal sealed class FuzzReport(string target, int seed)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _inputs;
    private long _accepted;
    private long _crashes;

    public string Target { get; } = target;

    public int Seed { get; } = seed;

    public long Inputs => Interlocked.Read(ref _inputs);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Inputs that made the product throw, hang, or drop a connection it should have kept.</summary>
    public long Crashes => Interlocked.Read(ref _crashes);

    /// <summary>Refusals by error code (or HTTP status, or hub exception kind).</summary>
    public ConcurrentDictionary<string, long> Refusals { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<FuzzFinding> Findings { get; } = new();

    /// <summary>Unobserved task exceptions and exceptions in the product's log while the target ran.</summary>
    public long UnhandledExceptions { get; set; }

    /// <summary>Log entries at Error or Critical from the product's categories (and ASP.NET Core's, Kestrel's, SignalR's).</summary>
    public long ErrorLogLines { get; set; }

    /// <summary>The first few of those log lines, shortened.</summary>
    public List<string> ErrorLogSamples { get; } = [];

    /// <summary>Extra checks a target makes (e.g. the bystander session's turns), with their outcome.</summary>
    public ConcurrentDictionary<string, string> Checks { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; private set; }

    public bool Failed => Crashes > 0 || !Findings.IsEmpty || UnhandledExceptions > 0 || ErrorLogLines > 0;

    public void CountInput() => Interlocked.Increment(ref _inputs);

    public void CountInputs(long count) => Interlocked.Add(ref _inputs, count);

    public void Accept() => Interlocked.Increment(ref _accepted);

    public void Refuse(string? code) => Refusals.AddOrUpdate(string.IsNullOrEmpty(code) ? "(no code)" : code, 1, (_, n) => n + 1);

    /// <summary>Records a broken property; <paramref name="crash"/> also counts it as a crash.</summary>
    public void Find(long index, string problem, Corpus.CorpusEntry input, bool crash = true)
    {
        if (crash)
        {
            Interlocked.Increment(ref _crashes);
        }

        if (Findings.Count < 50)
        {
            Findings.Enqueue(new FuzzFinding(Target, Seed, index, problem, input with { Note = problem }));
        }
    }

    public void Stop() => Elapsed = _clock.Elapsed;

    public double InputsPerSecond => (Elapsed > TimeSpan.Zero ? Elapsed : _clock.Elapsed) is var time && time.TotalSeconds > 0 ? Inputs / time.TotalSeconds : 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"target {Target}: seed {Seed}, {Inputs:N0} inputs in {Elapsed.TotalSeconds:F1} s ({InputsPerSecond:N0}/s), " +
            $"{Accepted:N0} accepted, {Refusals.Values.Sum():N0} refused, {Crashes} crashes, {UnhandledExceptions} unhandled exceptions, {ErrorLogLines} error-level log lines");
        text.AppendLine("  refusals: " + string.Join(", ", Refusals.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0}")));
        foreach (var (name, outcome) in Checks.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"  check {name}: {outcome}");
        }

        foreach (var finding in Findings.Take(10))
        {
            text.AppendLine(c, $"  FINDING input {finding.Index} (seed {finding.Seed}): {Shorten(finding.Problem, 400)}");
        }

        foreach (var line in ErrorLogSamples.Take(5))
        {
            text.AppendLine("  ERROR LOG " + Shorten(line, 1500));
        }

        return text.ToString();
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";
}

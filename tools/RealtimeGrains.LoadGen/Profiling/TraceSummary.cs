using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// The top costs in a speedscope export of a <c>dotnet-sampled-thread-time</c> trace. Every sampled stack ends in a pseudo
/// frame: <c>CPU_TIME</c> (running managed code) or <c>UNMANAGED_CODE_TIME</c> (in native code: a syscall, a wait, the GC).
/// Managed CPU is attributed to the method running (exclusive) and to every product or grain-runtime frame on the stack
/// (inclusive: <c>RealtimeGrains.*</c>, and <c>Orleans.*</c>, the grain runtime the product runs on, as the home-made
/// <c>RealtimeGrains.Runtime</c> was before it); native time to the managed frame that called out, leaving out the idle
/// waits of parked threads.
/// </summary>
internal sealed class TraceSummary
{
    // WaitHandle.WaitOne( too: with WaitOneNoCheck inlined it is the caller of parked dedicated threads, such as Orleans'
    // component and platform watchdogs (Orleans.Runtime.Watchdog), which otherwise count as busy native time.
    private static readonly string[] IdleCallers =
    [
        "LowLevelLifoSemaphore.Wait", "Monitor.Wait", "WaitHandle.WaitOneNoCheck", "WaitHandle.WaitOne(", "ManualResetEventSlim.Wait",
        "Interop+Sys.Read(", "SocketAsyncEngine.EventLoop", "WorkerThread.WorkerThreadStart", "Interop+Sys.WaitForSocketEvents",
        "ConsoleLoggerProcessor", "BlockingCollection",
    ];

    /// <summary>Namespaces (and module names) of the frames the inclusive table follows: the product and its grain runtime.</summary>
    private static readonly string[] InclusivePrefixes = ["RealtimeGrains.", "Orleans."];

    private readonly Dictionary<string, double> _managedExclusive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _productInclusive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _nativeBusy = new(StringComparer.Ordinal);
    private double _managed;
    private double _native;
    private double _idle;

    public double ManagedShare => Total == 0 ? 0 : _managed / Total;

    private double Total => _managed + _native + _idle;

    public static TraceSummary Read(Stream speedscopeJson)
    {
        using var document = JsonDocument.Parse(speedscopeJson);
        var root = document.RootElement;
        var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString() ?? "?").ToArray();
        var summary = new TraceSummary();
        foreach (var profile in root.GetProperty("profiles").EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented")
            {
                continue;
            }

            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } from && stack.Count > 0)
                {
                    summary.Add(stack, frames, at - from);
                }

                last = at;
                var frame = e.GetProperty("frame").GetInt32();
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(frame);
                }
                else
                {
                    var index = stack.LastIndexOf(frame);
                    if (index >= 0)
                    {
                        stack.RemoveRange(index, stack.Count - index);
                    }
                }
            }
        }

        return summary;
    }

    public string Render(int top)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Sampled thread time: managed code running {Share(_managed, Total)}, native code outside idle waits {Share(_native, Total)}, idle waits {Share(_idle, Total)}.");
        text.AppendLine().AppendLine("| managed CPU, exclusive (method running) | share |").AppendLine("|---|---:|");
        foreach (var (name, value) in _managedExclusive.OrderByDescending(p => p.Value).Take(top))
        {
            text.AppendLine(c, $"| `{name}` | {Share(value, _managed)} |");
        }

        text.AppendLine().AppendLine("| managed CPU, inclusive (RealtimeGrains and Orleans frames on the stack) | share |").AppendLine("|---|---:|");
        foreach (var (name, value) in _productInclusive.OrderByDescending(p => p.Value).Take(top))
        {
            text.AppendLine(c, $"| `{name}` | {Share(value, _managed)} |");
        }

        text.AppendLine().AppendLine("| native time outside idle waits, by calling method | share |").AppendLine("|---|---:|");
        foreach (var (name, value) in _nativeBusy.OrderByDescending(p => p.Value).Take(top / 2))
        {
            text.AppendLine(c, $"| `{name}` | {Share(value, _native)} |");
        }

        return text.ToString();
    }

    /// <summary><c>Module!Namespace.Type+&lt;Method&gt;d__12.MoveNext(args)</c> → <c>Type.Method</c>.</summary>
    public static string ShortName(string frame)
    {
        var name = frame;
        var bang = name.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            name = name[(bang + 1)..];
        }

        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        // Async lambdas: Type+<>c__DisplayClass6_0+<<Method>b__0>d.MoveNext → Type.Method; state machines: Type+<Method>d__N.MoveNext → Type.Method.
        var lambda = name.IndexOf("+<<", StringComparison.Ordinal);
        if (lambda >= 0)
        {
            var typeEnd = name.IndexOf("+<", StringComparison.Ordinal);
            var close = name.IndexOf('>', lambda + 3);
            if (close > lambda)
            {
                name = name[..typeEnd] + "." + name[(lambda + 3)..close];
            }
        }

        var open = name.IndexOf("+<", StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = name.IndexOf('>', open);
            if (close > open)
            {
                name = name[..open] + "." + name[(open + 2)..close];
            }
        }

        var lastDot = name.LastIndexOf('.', name.Length - 1);
        var typeDot = lastDot > 0 ? name.LastIndexOf('.', lastDot - 1) : -1;
        return typeDot >= 0 ? name[(typeDot + 1)..] : name;
    }

    /// <summary>
    /// Whether a frame (<c>Module!Namespace.Type.Method(…)</c>) is the product's or Orleans': its module or its namespace
    /// starts with <c>RealtimeGrains.</c> or <c>Orleans.</c> (Orleans' generated proxies and codecs live in the product's
    /// modules under <c>OrleansCodeGen.</c>, so they count by module).
    /// </summary>
    public static bool IsInclusiveFrame(string frame)
    {
        var bang = frame.IndexOf('!', StringComparison.Ordinal);
        var ns = bang >= 0 ? frame.AsSpan(bang + 1) : frame.AsSpan();
        foreach (var prefix in InclusivePrefixes)
        {
            if (frame.StartsWith(prefix, StringComparison.Ordinal) || ns.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Share(double part, double whole) => whole == 0 ? "0%" : (part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private void Add(List<int> stack, string[] frames, double duration)
    {
        var leaf = frames[stack[^1]];
        var caller = stack.Count > 1 ? frames[stack[^2]] : "?";
        if (leaf == "CPU_TIME")
        {
            _managed += duration;
            Increment(_managedExclusive, ShortName(caller), duration);
            foreach (var name in stack.Select(i => frames[i]).Where(IsInclusiveFrame).Select(ShortName).Distinct())
            {
                Increment(_productInclusive, name, duration);
            }
        }
        else if (leaf == "UNMANAGED_CODE_TIME")
        {
            if (IdleCallers.Any(i => caller.Contains(i, StringComparison.Ordinal)) || stack.Count < 3)
            {
                _idle += duration;
            }
            else
            {
                _native += duration;
                Increment(_nativeBusy, ShortName(caller), duration);
            }
        }
        else
        {
            _idle += duration;
        }
    }

    private static void Increment(Dictionary<string, double> map, string key, double value) =>
        map[key] = map.GetValueOrDefault(key) + value;
}

using System.Collections.Concurrent;

namespace RealtimeGrains.LoadGen;

/// <summary>What all sessions of one run report (fields for <see cref="Interlocked"/>).</summary>
internal sealed class RunStats
{
#pragma warning disable CA1051 // Interlocked needs fields.
    public long Connected;
    public long ConnectFailures;
    public long SocketFailures;
    public long ErrorEvents;
    public long Turns;
    public long BargeIns;
    public long CancelledResponses;
    public long ToolCalls;
    public long AudioDeltas;
    public long InputChunks;
#pragma warning restore CA1051

    /// <summary>End of speech (last speech chunk sent) to the first audio delta of the reply.</summary>
    public Histogram FirstAudio { get; } = new();

    /// <summary>End of the tool-triggering speech to the first audio delta of the reply after the tool output.</summary>
    public Histogram ToolRoundTrip { get; } = new();

    /// <summary>Inter-chunk jitter: |arrival gap between two audio deltas − audio duration of the earlier one|.</summary>
    public Histogram Jitter { get; } = new();

    /// <summary>How far an audio delta arrived behind real time, counted from the first delta of its response.</summary>
    public Histogram OutputLateness { get; } = new();

    /// <summary>How far behind its real-time schedule an input chunk left the client.</summary>
    public Histogram InputLateness { get; } = new();

    /// <summary>Error codes seen (error events and failures), with counts.</summary>
    public ConcurrentDictionary<string, long> ErrorCodes { get; } = new(StringComparer.Ordinal);

    public void Error(string code)
    {
        Interlocked.Increment(ref ErrorEvents);
        ErrorCodes.AddOrUpdate(code, 1, static (_, n) => n + 1);
    }

    /// <summary>
    /// Starts the measurement window: histograms and turn counters from zero. Errors and failures are kept, so a phase
    /// reports those of its ramp-up too; Connected is a level and stays.
    /// </summary>
    public void ResetWindow()
    {
        FirstAudio.Reset();
        ToolRoundTrip.Reset();
        Jitter.Reset();
        OutputLateness.Reset();
        InputLateness.Reset();
        Interlocked.Exchange(ref Turns, 0);
        Interlocked.Exchange(ref BargeIns, 0);
        Interlocked.Exchange(ref CancelledResponses, 0);
        Interlocked.Exchange(ref ToolCalls, 0);
        Interlocked.Exchange(ref AudioDeltas, 0);
        Interlocked.Exchange(ref InputChunks, 0);
    }
}

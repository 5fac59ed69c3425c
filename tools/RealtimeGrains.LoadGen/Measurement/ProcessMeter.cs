using System.Diagnostics;

namespace RealtimeGrains.LoadGen;

/// <summary>CPU time and resident memory of one process, read from the OS (<c>/proc/PID/stat</c> and <c>status</c> on Linux).</summary>
internal sealed class ProcessMeter(Process process) : IDisposable
{
    public int Id => process.Id;

    public ProcessSample Sample()
    {
        try
        {
            process.Refresh();
            return new ProcessSample(process.TotalProcessorTime.TotalSeconds, process.WorkingSet64, Stopwatch.GetTimestamp());
        }
        catch (InvalidOperationException)
        {
            return new ProcessSample(0, 0, Stopwatch.GetTimestamp());
        }
    }

    public static ProcessMeter Self() => new(Process.GetCurrentProcess());

    public void Dispose() => process.Dispose();
}

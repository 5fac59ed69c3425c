using System.Diagnostics.Metrics;

namespace RealtimeGrains.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments on the <c>RealtimeGrains.Runtime</c> meter: activations, calls, call
/// duration, timeouts and mailbox depth. Recording costs almost nothing while no listener is attached.
/// </summary>
internal sealed class RuntimeMetrics
{
    public const string MeterName = "RealtimeGrains.Runtime";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _timeouts;
    private readonly Histogram<double> _duration;

    public RuntimeMetrics(IMeterFactory meterFactory, Func<int> activationCount, Func<long> mailboxDepth)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("realtimegrains.calls", "{call}", "Grain calls sent.");
        _timeouts = meter.CreateCounter<long>("realtimegrains.calls.timed_out", "{call}", "Grain calls that did not respond in time.");
        _duration = meter.CreateHistogram<double>("realtimegrains.call.duration", "ms", "Time from sending a call to its completion.");
        meter.CreateObservableUpDownCounter("realtimegrains.activations", activationCount, "{activation}", "Activations on this silo.");
        meter.CreateObservableGauge("realtimegrains.mailbox.depth", mailboxDepth, "{message}", "Calls and continuations waiting in all mailboxes.");
    }

    public void CallStarted() => _calls.Add(1);

    public void CallTimedOut() => _timeouts.Add(1);

    public void RecordCallCompleted(TimeProvider time, long startTimestamp)
    {
        if (_duration.Enabled)
        {
            _duration.Record(time.GetElapsedTime(startTimestamp).TotalMilliseconds);
        }
    }
}

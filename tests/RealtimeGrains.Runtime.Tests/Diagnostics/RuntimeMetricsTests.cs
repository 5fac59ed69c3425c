using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Diagnostics;

public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task Calls_AreMeasuredOnTheRuntimeMeter()
    {
        await using var silo = await TestSilo.StartAsync();
        long calls = 0;
        var durations = 0;
        var activations = 0L;
        // Other tests' silos publish the same meter in this process: listen to this silo's only.
        var meterFactory = silo.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "RealtimeGrains.Runtime" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "realtimegrains.calls")
            {
                Interlocked.Add(ref calls, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "realtimegrains.call.duration")
            {
                Interlocked.Increment(ref durations);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "realtimegrains.activations")
            {
                activations = value;
            }
        });
        listener.Start();

        var grain = silo.GrainFactory.GetGrain<ICounterGrain>(Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 5; i++)
        {
            await grain.AddAsync(1).Within("call");
        }

        listener.RecordObservableInstruments();

        Assert.True(Interlocked.Read(ref calls) >= 5, $"calls counted: {calls}");
        Assert.True(Volatile.Read(ref durations) >= 5, $"durations recorded: {durations}");
        Assert.True(activations >= 1, $"activations observed: {activations}");
    }
}

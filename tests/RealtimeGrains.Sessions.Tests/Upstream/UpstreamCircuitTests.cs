using RealtimeGrains.Sessions.Upstream;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Upstream;

public sealed class UpstreamCircuitTests
{
    private readonly ManualTimeProvider _time = new();

    private UpstreamCircuit Circuit(int threshold = 3) =>
        new(new RealtimeUpstreamOptions { CircuitFailureThreshold = threshold, CircuitOpenDuration = TimeSpan.FromSeconds(5) }, _time);

    [Fact]
    public void FailuresBelowTheThreshold_KeepItClosed()
    {
        var circuit = Circuit();

        Assert.False(circuit.RecordTransientFailure(null));
        Assert.False(circuit.RecordTransientFailure(null));

        Assert.Equal(TimeSpan.Zero, circuit.RemainingOpen);
    }

    [Fact]
    public void ThresholdFailuresInARow_OpenIt_ForTheOpenDuration()
    {
        var circuit = Circuit();
        circuit.RecordTransientFailure(null);
        circuit.RecordTransientFailure(null);

        Assert.True(circuit.RecordTransientFailure(null));

        Assert.Equal(TimeSpan.FromSeconds(5), circuit.RemainingOpen);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(1), circuit.RemainingOpen);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, circuit.RemainingOpen);
        Assert.Equal(1, circuit.TimesOpened);
    }

    [Fact]
    public void ASuccess_ResetsTheCount()
    {
        var circuit = Circuit();
        circuit.RecordTransientFailure(null);
        circuit.RecordTransientFailure(null);
        circuit.RecordSuccess();

        Assert.False(circuit.RecordTransientFailure(null));
        Assert.Equal(TimeSpan.Zero, circuit.RemainingOpen);
    }

    [Fact]
    public void AFailureAfterTheOpenPeriod_WithoutASuccess_OpensItAgainAtOnce()
    {
        var circuit = Circuit();
        for (var i = 0; i < 3; i++)
        {
            circuit.RecordTransientFailure(null);
        }

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(circuit.RecordTransientFailure(null));
        Assert.Equal(2, circuit.TimesOpened);
    }

    [Fact]
    public void ALongerRetryAfter_KeepsItOpenThatLong()
    {
        var circuit = Circuit(threshold: 1);

        Assert.True(circuit.RecordTransientFailure(TimeSpan.FromSeconds(12)));

        Assert.Equal(TimeSpan.FromSeconds(12), circuit.RemainingOpen);
    }

    [Fact]
    public async Task WaitWhileOpen_CompletesOnlyAfterTheOpenPeriod()
    {
        var circuit = Circuit(threshold: 1);
        circuit.RecordTransientFailure(null);

        var wait = circuit.WaitWhileOpenAsync();
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));

        await wait.Within("the wait ends once the circuit closed");
    }
}

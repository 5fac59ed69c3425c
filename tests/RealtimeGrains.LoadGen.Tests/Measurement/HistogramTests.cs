using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Measurement;

public sealed class HistogramTests
{
    [Fact]
    public void Percentile_OfOneToHundred_IsWithinHalfAMillisecond()
    {
        var histogram = new Histogram();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i);
        }

        Assert.Equal(100, histogram.Count);
        Assert.InRange(histogram.Percentile(0.50), 50, 50.5);
        Assert.InRange(histogram.Percentile(0.99), 99, 99.5);
        Assert.Equal(100, histogram.Max);
    }

    [Fact]
    public void Percentile_Empty_IsZero()
    {
        Assert.Equal(0, new Histogram().Percentile(0.99));
    }

    [Fact]
    public void Record_NegativeAndHuge_ClampIntoRange()
    {
        var histogram = new Histogram();
        histogram.Record(-5);
        histogram.Record(1_000_000);

        Assert.Equal(0.5, histogram.Percentile(0.5));
        Assert.Equal(1_000_000, histogram.Percentile(1.0));
    }

    [Fact]
    public void Reset_ForgetsEverything()
    {
        var histogram = new Histogram();
        histogram.Record(10);
        histogram.Reset();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.Max);
    }
}

using Microsoft.Extensions.Options;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task ZeroResponseTimeout_FailsAtStart_NamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestSilo.StartAsync(b => b.Configure(o => o.ResponseTimeout = TimeSpan.Zero)));

        Assert.Contains("RealtimeGrains:ResponseTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuantumLongerThanAge_FailsAtStart_NamingBothSettings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestSilo.StartAsync(b => b.Configure(o =>
            {
                o.CollectionAge = TimeSpan.FromMinutes(1);
                o.CollectionQuantum = TimeSpan.FromMinutes(5);
            })));

        Assert.Contains("RealtimeGrains:CollectionQuantum", error.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeGrains:CollectionAge", error.Message, StringComparison.Ordinal);
    }
}

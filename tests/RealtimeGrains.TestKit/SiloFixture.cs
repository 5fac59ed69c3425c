using Xunit;

namespace RealtimeGrains.TestKit;

/// <summary>
/// An xunit class fixture with one shared <see cref="TestSilo"/> (system clock, in-memory state,
/// generated grain registrations). Use <c>IClassFixture&lt;SiloFixture&gt;</c>; tests that need a manual
/// clock or special options start their own <see cref="TestSilo"/>.
/// </summary>
public class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    /// <summary>The running silo.</summary>
    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory GrainFactory => Silo.GrainFactory;

    /// <summary>Whether every call goes through serialization (override to turn on).</summary>
    protected virtual bool SerializeAllCalls => false;

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(b => b.Configure(o => o.SerializeAllCalls = SerializeAllCalls));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

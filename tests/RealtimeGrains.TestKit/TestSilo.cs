using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Hosting;

namespace RealtimeGrains.TestKit;

/// <summary>
/// An in-process silo for tests: a real host with the grain runtime, in-memory grain storage named
/// <c>Default</c>, and optionally a <see cref="ManualTimeProvider"/>. Dispose it (or call
/// <see cref="StopAsync"/>) to shut the silo down the way a host does.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    /// <summary>The grain factory of the silo.</summary>
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Which grains are active.</summary>
    public IGrainRuntimeDiagnostics Diagnostics => _host.Services.GetRequiredService<IGrainRuntimeDiagnostics>();

    /// <summary>Starts a silo.</summary>
    /// <param name="configure">Storage, grains and options (<c>b.Configure(o =&gt; o.SerializeAllCalls = true)</c>).</param>
    /// <param name="time">The time provider; the system clock when null.</param>
    /// <param name="configureServices">Extra services for the host.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The started silo.</returns>
    public static async Task<TestSilo> StartAsync(
        Action<SiloBuilder>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddRealtimeGrains(silo =>
        {
            silo.AddMemoryGrainStorage();
            configure?.Invoke(silo);
        });
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host);
    }

    /// <summary>Stops the silo: every grain deactivates (OnDeactivateAsync runs) within the shutdown deadline.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the host has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

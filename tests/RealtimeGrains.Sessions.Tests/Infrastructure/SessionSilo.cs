using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using RealtimeGrains.Persistence;
using RealtimeGrains.Samples.Tools;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Tests.Tools;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>
/// One Orleans silo (Orleans' <see cref="InProcessTestCluster"/>) hosting session grains that talk to a
/// <see cref="SimulatorServer"/>, with the sample tools and a slow test tool. Calls go through the silo's own grain
/// factory, as the co-hosted gateway's do, or (<c>viaClient</c>) through an external cluster client, so every argument
/// and result is serialized.
/// </summary>
public sealed class SessionSilo : IAsyncDisposable
{
    private readonly bool _viaClient;
    private bool _stopped;

    private SessionSilo(InProcessTestCluster cluster, bool viaClient)
    {
        Cluster = cluster;
        _viaClient = viaClient;
    }

    public InProcessTestCluster Cluster { get; }

    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    public IGrainFactory GrainFactory => _viaClient ? Cluster.Client : Services.GetRequiredService<IGrainFactory>();

    /// <param name="simulator">The upstream.</param>
    /// <param name="configure">Session options.</param>
    /// <param name="time">The product clock (<see cref="RealtimeClock"/>); Orleans keeps the system clock.</param>
    /// <param name="stateDirectory">File grain state in this folder (default: memory).</param>
    /// <param name="viaClient">Call through an external cluster client (every call serialized).</param>
    /// <param name="storage">A grain storage instance named Default (default: memory).</param>
    /// <param name="collectionAge">Orleans' idle collection age (default: Orleans' 15 minutes).</param>
    /// <param name="blobConnectionString">Grain state in Azure Blob storage (Orleans' provider) at this connection string (Azurite in tests).</param>
    public static async Task<SessionSilo> StartAsync(
        SimulatorServer simulator,
        Action<RealtimeSessionsOptions>? configure = null,
        TimeProvider? time = null,
        string? stateDirectory = null,
        bool viaClient = false,
        IGrainStorage? storage = null,
        TimeSpan? collectionAge = null,
        string? blobConnectionString = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.InitializeClientOnDeploy = viaClient;
        builder.ConfigureSiloHost((_, host) => { host.Logging.SetMinimumLevel(LogLevel.Warning); if (Environment.GetEnvironmentVariable("RG_TEST_LOG") is not null) { host.Logging.AddConsole(); host.Logging.AddFilter("RealtimeGrains", LogLevel.Debug); } });
        builder.ConfigureSilo((_, silo) =>
        {
            if (blobConnectionString is not null)
            {
                silo.AddAzureBlobGrainStorageAsDefault(o => o.BlobServiceClient = new BlobServiceClient(blobConnectionString));
            }
            else if (stateDirectory is not null)
            {
                silo.AddFileGrainStorage(o => o.RootPath = stateDirectory);
            }
            else if (storage is not null)
            {
                silo.Services.AddKeyedSingleton(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, storage);
                silo.Services.AddSingleton(storage);
            }
            else
            {
                silo.AddMemoryGrainStorageAsDefault();
            }

            if (collectionAge is { } age)
            {
                silo.Configure<GrainCollectionOptions>(o =>
                {
                    o.CollectionAge = age;
                    o.CollectionQuantum = TimeSpan.FromMilliseconds(Math.Max(100, age.TotalMilliseconds / 4));
                });
            }

            var services = silo.Services;
            if (time is not null)
            {
                services.AddKeyedSingleton(RealtimeClock.ServiceKey, time);
            }

            services.AddRealtimeSessions(o =>
            {
                o.Upstream.Endpoint = simulator.BaseUri;
                o.Upstream.ApiKey = SimulatorServer.ApiKey;
                o.Upstream.Deployment = SimulatorServer.Model;
                o.Upstream.ReconnectBaseDelay = TimeSpan.FromMilliseconds(50);
                o.Upstream.ReconnectMaxDelay = TimeSpan.FromMilliseconds(400);
                configure?.Invoke(o);
            });
            services.AddSampleTools();
            services.AddRealtimeTool<ISlowTool, SlowToolArguments>("slow_lookup", "Looks something up, slowly.", o => o.Timeout = TimeSpan.FromMilliseconds(300));
            services.AddRealtimeTool<ISlowTool, SlowToolArguments>("patient_lookup", "Looks something up, patiently.", o => o.Timeout = TimeSpan.FromSeconds(30));
            services.AddRealtimeTool<ISlowTool, SlowToolArguments>("chatty_lookup", "Looks something up, and says so.", o =>
            {
                o.Timeout = TimeSpan.FromSeconds(30);
                o.FillerInstructions = "Say that you are checking.";
                o.FillerAfter = TimeSpan.FromMilliseconds(100);
            });
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new SessionSilo(cluster, viaClient);
    }

    public IRealtimeSessionGrain Session(string id) => GrainFactory.GetGrain<IRealtimeSessionGrain>(id);

    /// <summary>Whether the session's activation is in the silo's catalog.</summary>
    public bool IsActive(string sessionId) =>
        Cluster.TryGetGrainContext(Session(sessionId).GetGrainId(), out _);

    /// <summary>Attaches a new recording observer and waits for the conversation snapshot it gets first.</summary>
    public async Task<RecordingObserver> AttachAsync(IRealtimeSessionGrain session)
    {
        var observer = new RecordingObserver();
        await session.AttachAsync(GrainFactory.CreateObjectReference<IRealtimeSessionObserver>(observer)).Within("attach");
        await observer.WaitForAsync(e => e.Kind == SessionEventKind.Conversation, "conversation snapshot");
        return observer;
    }

    /// <summary>Stops the silo the way a host does: every grain deactivates (OnDeactivateAsync runs).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Cluster.StopAllSilosAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Cluster.DisposeAsync();
    }
}

using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Runtime.Persistence;
using RealtimeGrains.Samples.Tools;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Tests.Tools;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>A silo hosting session grains that talk to a <see cref="SimulatorServer"/>, with the sample tools and a slow test tool.</summary>
public sealed class SessionSilo : IAsyncDisposable
{
    private SessionSilo(TestSilo silo) => Silo = silo;

    public TestSilo Silo { get; }

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public static async Task<SessionSilo> StartAsync(
        SimulatorServer simulator,
        Action<RealtimeSessionsOptions>? configure = null,
        TimeProvider? time = null,
        string? stateDirectory = null,
        bool serializeAllCalls = false,
        IGrainStorage? storage = null)
    {
        var silo = await TestSilo.StartAsync(
            b =>
            {
                if (stateDirectory is not null)
                {
                    b.AddFileGrainStorage("Default", o => o.RootPath = stateDirectory);
                }

                if (storage is not null)
                {
                    b.AddGrainStorage("Default", _ => storage);
                }

                b.Configure(o => o.SerializeAllCalls = serializeAllCalls);
            },
            time,
            services =>
            {
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
            }).WaitAsync(TimeSpan.FromSeconds(20));
        return new SessionSilo(silo);
    }

    public IRealtimeSessionGrain Session(string id) => GrainFactory.GetGrain<IRealtimeSessionGrain>(id);

    /// <summary>Attaches a new recording observer and waits for the conversation snapshot it gets first.</summary>
    public async Task<RecordingObserver> AttachAsync(IRealtimeSessionGrain session)
    {
        var observer = new RecordingObserver();
        await session.AttachAsync(GrainFactory.CreateObjectReference<IRealtimeSessionObserver>(observer)).Within("attach");
        await observer.WaitForAsync(e => e.Kind == SessionEventKind.Conversation, "conversation snapshot");
        return observer;
    }

    public async ValueTask DisposeAsync() => await Silo.DisposeAsync();
}

using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// The parts of a run: the Realtime simulator in this process (a real Kestrel WebSocket server, faults at rates) and the
/// host as a child process (<c>dotnet RealtimeGrains.Host.dll</c>: silo + gateway) with file state in a fresh folder, its
/// upstream pointed at the simulator, its diagnostics endpoint on. Disposing stops both and deletes the folder.
/// </summary>
internal sealed class RunHarness : IAsyncDisposable
{
    private RunHarness(SimulatorServer simulator, HostProcess host, string stateDirectory)
    {
        Simulator = simulator;
        Host = host;
        StateDirectory = stateDirectory;
    }

    public SimulatorServer Simulator { get; }

    public HostProcess Host { get; }

    public string StateDirectory { get; }

    public static async Task<RunHarness> StartAsync(Action<SimulatorOptions> simulator, IEnumerable<string> hostArguments)
    {
        var state = Directory.CreateTempSubdirectory("rg-chaos-").FullName;
        var server = await SimulatorServer.StartAsync(o =>
        {
            o.SpeedFactor = 1;
            o.RecordSessions = false;
            simulator(o);
        }).ConfigureAwait(false);
        try
        {
            var host = await HostProcess.StartAsync(
                TimeSpan.FromSeconds(90),
                [
                    "--Host:StateStore=File",
                    $"--Host:StateDirectory={state}",
                    "--Host:InProcessSimulator=false",
                    "--Host:SamplePage=false",
                    "--Host:DiagnosticsEndpoint=true",
                    $"--Upstream:Endpoint={server.BaseUri}",
                    $"--Upstream:ApiKey={SimulatorServer.ApiKey}",
                    $"--Upstream:Deployment={SimulatorServer.Model}",
                    "--Gateway:MaxClientsPerSession=8",
                    "--Logging:LogLevel:RealtimeGrains.Sessions=Warning",
                    "--Logging:LogLevel:Default=Warning",
                    .. hostArguments,
                ]).ConfigureAwait(false);
            return new RunHarness(server, host, state);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the host with SIGTERM (the silo deactivates and persists every session) and waits for it to exit.</summary>
    public async Task<bool> StopHostAsync()
    {
        Host.Signal(HostProcess.SigTerm);
        return await Host.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false) is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Simulator.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

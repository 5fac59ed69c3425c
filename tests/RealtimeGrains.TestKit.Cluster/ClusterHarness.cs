using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit.Azurite;

namespace RealtimeGrains.TestKit.Cluster;

/// <summary>
/// A real cluster on loopback: Azurite as a process (membership table, grain-state blobs), one Realtime simulator (a real
/// Kestrel WebSocket server in this process, counting upstream connections per session and dropping peers that stop
/// answering pings), and host silos as child processes (<c>dotnet RealtimeGrains.Host.dll</c>) with Azure Table clustering,
/// Azure Blob state and one token signing key. Disposing kills what still runs and deletes Azurite's folder.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    /// <summary>The blob container of grain state (the host's default).</summary>
    public const string StateContainer = "grainstate";

    private readonly ConcurrentDictionary<string, HostProcess> _silos = new(StringComparer.Ordinal);
    private readonly ClusterHarnessOptions _options;

    private ClusterHarness(AzuriteServer azurite, SimulatorServer simulator, ClusterHarnessOptions options)
    {
        Azurite = azurite;
        Simulator = simulator;
        _options = options;
    }

    /// <summary>The storage emulator process.</summary>
    public AzuriteServer Azurite { get; }

    /// <summary>The upstream every silo connects to.</summary>
    public SimulatorServer Simulator { get; }

    /// <summary>The shared token signing key (base64; a throwaway test key).</summary>
    public string TokenSigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The Orleans cluster id of this harness (unique, so leftovers of another run never join).</summary>
    public string ClusterId { get; } = "rg-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The silos started so far, by name (killed ones stay listed; see <see cref="HostProcess.HasExited"/>).</summary>
    public IReadOnlyDictionary<string, HostProcess> Silos => _silos;

    /// <summary>Starts Azurite, the simulator and <paramref name="silos"/> silos named <c>silo-1</c>…; waits until each answers HTTP.</summary>
    public static async Task<ClusterHarness> StartAsync(int silos, ClusterHarnessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClusterHarnessOptions();
        var azurite = await AzuriteServer.StartAsync(cancellationToken).ConfigureAwait(false);
        SimulatorServer? simulator = null;
        try
        {
            simulator = await SimulatorServer.StartAsync(o =>
            {
                o.SpeedFactor = options.SimulatorSpeedFactor;
                o.KeepAliveInterval = options.SimulatorKeepAliveInterval;
                o.KeepAliveTimeout = options.SimulatorKeepAliveTimeout;
                foreach (var rule in options.Rules)
                {
                    o.Rules.Add(rule);
                }
            }).ConfigureAwait(false);
            var harness = new ClusterHarness(azurite, simulator, options);
            await Task.WhenAll(Enumerable.Range(1, silos).Select(n => harness.StartSiloAsync($"silo-{n}"))).ConfigureAwait(false);
            return harness;
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more silo (or a replacement under a new name) and waits until it answers HTTP.</summary>
    public async Task<HostProcess> StartSiloAsync(string name, params string[] extraArguments)
    {
        var silo = await HostProcess.StartAsync(_options.ReadyDeadline, [.. SiloArguments(name), .. _options.ExtraSiloArguments, .. extraArguments], name).ConfigureAwait(false);
        if (!_silos.TryAdd(name, silo))
        {
            await silo.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"A silo named {name} was started already.");
        }

        return silo;
    }

    /// <summary>The command-line settings of a cluster silo (without the HTTP and silo ports, which <see cref="HostProcess"/> picks).</summary>
    public string[] SiloArguments(string name) =>
    [
        "--Host:Clustering=AzureTable",
        "--Host:StateStore=AzureBlob",
        $"--Host:AzureStorage:ConnectionString={Azurite.ConnectionString}",
        "--Host:AdvertisedAddress=127.0.0.1",
        $"--Host:SiloName={name}",
        $"--Host:ClusterId={ClusterId}",
        "--Host:InProcessSimulator=false",
        $"--Upstream:Endpoint={Simulator.BaseUri}",
        $"--Upstream:ApiKey={SimulatorServer.ApiKey}",
        $"--Upstream:Deployment={SimulatorServer.Model}",
        $"--Gateway:TokenSigningKey={TokenSigningKey}",
        "--Logging:LogLevel:RealtimeGrains=Information",
    ];

    /// <summary>The silo of that name.</summary>
    public HostProcess this[string name] => _silos[name];

    /// <summary>The grain-state blob of <paramref name="sessionId"/> as text, or null when none exists (the blob name contains the session id).</summary>
    public async Task<string?> ReadSessionStateAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var container = new BlobContainerClient(Azurite.ConnectionString, StateContainer);
        if (!await container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.Contains("realtime-session", StringComparison.OrdinalIgnoreCase) && blob.Name.Contains(sessionId, StringComparison.Ordinal))
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(content.Value.Content.ToArray());
            }
        }

        return null;
    }

    /// <summary>Every silo's captured output, one block per silo (failure messages).</summary>
    public string Logs(int linesPerSilo = 60) =>
        string.Join("\n\n", _silos.Values.Select(s => $"--- {s.Name} (pid {s.Pid}, {(s.HasExited ? "exited " + s.ExitCode.ToString(CultureInfo.InvariantCulture) : "running")}):\n{s.Tail(linesPerSilo)}"));

    /// <summary>Writes every silo's whole output to <paramref name="directory"/>/<c>NAME.log</c>.</summary>
    public void SaveLogs(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var silo in _silos.Values)
        {
            File.WriteAllText(Path.Combine(directory, silo.Name + ".log"), silo.OutputText());
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values)
        {
            if (!silo.HasExited)
            {
                // A frozen silo cannot die from SIGKILL's delivery until it runs again: SIGCONT first.
                try
                {
                    silo.Signal(HostProcess.SigCont);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }

        await Task.WhenAll(_silos.Values.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Simulator.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
    }
}

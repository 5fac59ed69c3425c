using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;

namespace RealtimeGrains.TestKit.Azurite;

/// <summary>
/// Azurite, the Azure Storage emulator, as a real <c>node</c> child process on 127.0.0.1 (installed into
/// <c>tests/azurite/node_modules</c> by <c>scripts/install-test-deps.sh</c>). <see cref="StartAsync(CancellationToken)"/>
/// returns once the blob endpoint has answered a real request; <see cref="DisposeAsync"/> ends the process tree and
/// waits for it to exit. Every server has its own ports and (unless <see cref="AzuriteOptions.Location"/> is set) its
/// own in-memory data, so tests can run servers side by side.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>The account every Azurite serves.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known, public key of <see cref="AccountName"/> (not a secret: it is the same in every Azurite).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Host = "127.0.0.1";
    private const int SigTerm = 15;
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly OutputLog _output;
    private readonly string? _scratchDirectory;
    private int _disposed;

    private AzuriteServer(Process process, OutputLog output, string? scratchDirectory, string? location, int blobPort, int queuePort, int tablePort, TimeSpan startupDuration)
    {
        _process = process;
        _output = output;
        _scratchDirectory = scratchDirectory;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        StartupDuration = startupDuration;
        ProcessId = process.Id;
        BlobEndpoint = Endpoint(blobPort);
        QueueEndpoint = Endpoint(queuePort);
        TableEndpoint = Endpoint(tablePort);
        ConnectionString = BuildConnectionString(blobPort, queuePort, tablePort);
    }

    /// <summary>The repository root: the nearest folder above <see cref="AppContext.BaseDirectory"/> holding RealtimeGrains.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>tests/azurite</c>, the npm folder Azurite is installed into.</summary>
    public static string InstallDirectory => Path.Combine(RepositoryRoot, "tests", "azurite");

    /// <summary>The installed Azurite's entry script (its <c>azurite</c> bin), run with <c>node</c>.</summary>
    public static string EntryScript => Path.Combine(InstallDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>A storage connection string for this server's blob, queue and table endpoints (account <see cref="AccountName"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port.</summary>
    public int TablePort { get; }

    /// <summary><c>http://127.0.0.1:BlobPort/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary><c>http://127.0.0.1:QueuePort/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary><c>http://127.0.0.1:TablePort/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The folder the data persists to, or <see langword="null"/> when it is kept in memory.</summary>
    public string? Location { get; }

    /// <summary>The id of the <c>node</c> process.</summary>
    public int ProcessId { get; }

    /// <summary>From starting <c>node</c> to the first answered blob request.</summary>
    public TimeSpan StartupDuration { get; }

    /// <summary>Whether the process has exited (after <see cref="DisposeAsync"/>, or on its own).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true; // disposed
            }
        }
    }

    /// <summary>What Azurite printed so far, stdout and stderr interleaved (lines prefixed <c>out:</c> / <c>err:</c>).</summary>
    public string Output => _output.ToString();

    /// <summary>
    /// Options that start Azurite again on this server's data folder and ports, for a test that restarts it under
    /// clients holding <see cref="ConnectionString"/> (start it after disposing this one).
    /// </summary>
    public AzuriteOptions RestartOptions => new() { Location = Location, BlobPort = BlobPort, QueuePort = QueuePort, TablePort = TablePort };

    /// <summary>Starts an in-memory Azurite on free loopback ports.</summary>
    /// <param name="cancellationToken">Cancels the start (the process is then killed).</param>
    /// <returns>The server, its blob endpoint answering.</returns>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(AzuriteOptions.Default, cancellationToken);

    /// <summary>Starts Azurite as <paramref name="options"/> say (e.g. persisting to a folder).</summary>
    /// <param name="options">Data folder, ports, deadline, node executable.</param>
    /// <param name="cancellationToken">Cancels the start (the process is then killed).</param>
    /// <returns>The server, its blob endpoint answering.</returns>
    /// <exception cref="InvalidOperationException">Azurite is not installed, node is missing, or Azurite exited early.</exception>
    /// <exception cref="TimeoutException">Azurite did not answer within <see cref="AzuriteOptions.StartTimeout"/>.</exception>
    public static async Task<AzuriteServer> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entryScript = EntryScript;
        if (!File.Exists(entryScript))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({entryScript} is missing): run `bash scripts/install-test-deps.sh` (npm ci in tests/azurite).");
        }

        string? scratchDirectory = null;
        string workingDirectory;
        if (options.Location is { } location)
        {
            workingDirectory = Directory.CreateDirectory(Path.GetFullPath(location)).FullName;
        }
        else
        {
            // Azurite creates its workspace (and would write telemetry) in the working directory even in memory mode.
            scratchDirectory = Directory.CreateTempSubdirectory("azurite-").FullName;
            workingDirectory = scratchDirectory;
        }

        var start = new ProcessStartInfo(options.NodePath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(entryScript);
        foreach (var argument in Arguments(options, workingDirectory))
        {
            start.ArgumentList.Add(argument);
        }

        var output = new OutputLog();
        var listening = new ListeningPorts();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add("out", line);
                listening.Observe(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add("err", line);
            }
        };

        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            DeleteScratch(scratchDirectory);
            throw new InvalidOperationException(
                $"Could not start '{options.NodePath}' (is Node.js installed? run `bash scripts/install-test-deps.sh`): {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (blobPort, queuePort, tablePort) = await WaitUntilReadyAsync(process, output, listening, options.StartTimeout, cancellationToken);
            return new AzuriteServer(process, output, scratchDirectory, options.Location, blobPort, queuePort, tablePort, stopwatch.Elapsed);
        }
        catch
        {
            try
            {
                await StopProcessAsync(process, graceful: false);
            }
            finally
            {
                process.Dispose();
                DeleteScratch(scratchDirectory);
            }

            throw;
        }
    }

    /// <summary>A client of this server's blob service (shared-key auth with the well-known account key).</summary>
    /// <param name="options">Client options (retry policy, API version, …); the SDK's defaults when omitted.</param>
    /// <returns>A new client.</returns>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        options is null ? new BlobServiceClient(ConnectionString) : new BlobServiceClient(ConnectionString, options);

    /// <summary>
    /// Stops Azurite and waits for the process to exit: in memory, the process tree is killed; with a
    /// <see cref="Location"/>, Azurite is first asked to shut down (SIGTERM, so it saves its metadata) and killed only if
    /// it has not exited within 10 s. Safe to call more than once.
    /// </summary>
    /// <returns>A task that completes once the process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopProcessAsync(_process, graceful: Location is not null);
        }
        finally
        {
            _process.Dispose();
            DeleteScratch(_scratchDirectory);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Azurite pid {ProcessId} blob :{BlobPort} queue :{QueuePort} table :{TablePort}{(Location is null ? " (in memory)" : $" ({Location})")}";

    private static IEnumerable<string> Arguments(AzuriteOptions options, string workingDirectory)
    {
        yield return "--silent";
        if (options.Location is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            yield return "--location";
            yield return workingDirectory;
        }

        yield return "--skipApiVersionCheck";
        yield return "--disableTelemetry";
        yield return "--blobHost";
        yield return Host;
        yield return "--blobPort";
        yield return options.BlobPort.ToString(CultureInfo.InvariantCulture);
        yield return "--queueHost";
        yield return Host;
        yield return "--queuePort";
        yield return options.QueuePort.ToString(CultureInfo.InvariantCulture);
        yield return "--tableHost";
        yield return Host;
        yield return "--tablePort";
        yield return options.TablePort.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<(int Blob, int Queue, int Table)> WaitUntilReadyAsync(
        Process process, OutputLog output, ListeningPorts listening, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            // 1. Azurite prints the address it bound for each service (the OS picks the port when we pass 0).
            var first = await Task.WhenAny(listening.All, exited).WaitAsync(deadline.Token);
            if (first == exited)
            {
                throw Exited(process, output, "before it listened");
            }

            var ports = await listening.All;

            // 2. A real, authenticated request: the blob service answers.
            var probe = new BlobServiceClient(
                BuildConnectionString(ports.Blob, ports.Queue, ports.Table),
                new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } });
            while (true)
            {
                try
                {
                    await probe.GetPropertiesAsync(deadline.Token);
                    return ports;
                }
                catch (RequestFailedException e) when (e.Status == 0 && !deadline.IsCancellationRequested)
                {
                    // Not accepting connections yet: poll again.
                }

                if (process.HasExited)
                {
                    throw Exited(process, output, "before its blob service answered");
                }

                await Task.Delay(ProbeInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Azurite did not answer on its blob endpoint within {timeout.TotalSeconds:0.#} s. Output:{Environment.NewLine}{output}");
        }
        catch (RequestFailedException e)
        {
            throw new InvalidOperationException($"Azurite's blob service refused the readiness request ({e.Status} {e.ErrorCode}). Output:{Environment.NewLine}{output}", e);
        }
    }

    private static InvalidOperationException Exited(Process process, OutputLog output, string when)
    {
        process.WaitForExit(); // drains the redirected output
        return new InvalidOperationException(
            $"Azurite exited with code {process.ExitCode} {when}. Output:{Environment.NewLine}{output}");
    }

    private static async Task StopProcessAsync(Process process, bool graceful)
    {
        if (!process.HasExited && graceful && !OperatingSystem.IsWindows() && NativeMethods.Kill(process.Id, SigTerm) == 0)
        {
            using var grace = new CancellationTokenSource(GracefulStopTimeout);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not shut down in time: kill it below.
            }
        }

        if (!process.HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }
        }

        using var kill = new CancellationTokenSource(KillTimeout);
        try
        {
            await process.WaitForExitAsync(kill.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Azurite (pid {process.Id}) did not exit within {KillTimeout.TotalSeconds:0} s of being killed.");
        }
    }

    private static void DeleteScratch(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static Uri Endpoint(int port) => new($"http://{Host}:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");

    private static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={Endpoint(blobPort)};QueueEndpoint={Endpoint(queuePort)};TableEndpoint={Endpoint(tablePort)};";

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RealtimeGrains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds RealtimeGrains.sln.");
    }

    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s]+:(?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();

    /// <summary>The ports Azurite reports once each service listens.</summary>
    private sealed class ListeningPorts
    {
        private readonly TaskCompletionSource<int> _blob = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _queue = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<int> _table = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ListeningPorts() => All = WhenAllAsync();

        public Task<(int Blob, int Queue, int Table)> All { get; }

        public void Observe(string line)
        {
            var match = ListeningLine().Match(line);
            if (!match.Success)
            {
                return;
            }

            var port = int.Parse(match.Groups["port"].ValueSpan, CultureInfo.InvariantCulture);
            var source = match.Groups["service"].Value switch
            {
                "Blob" => _blob,
                "Queue" => _queue,
                _ => _table,
            };
            source.TrySetResult(port);
        }

        private async Task<(int, int, int)> WhenAllAsync() => (await _blob.Task, await _queue.Task, await _table.Task);
    }

    /// <summary>Stdout and stderr lines, in arrival order, for failure messages.</summary>
    private sealed class OutputLog
    {
        private readonly Lock _lock = new();
        private readonly StringBuilder _text = new();

        public void Add(string stream, string line)
        {
            lock (_lock)
            {
                _text.Append(stream).Append(": ").AppendLine(line);
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}

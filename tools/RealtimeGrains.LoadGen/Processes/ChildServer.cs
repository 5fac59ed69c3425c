using System.Collections.Concurrent;
using System.Diagnostics;

namespace RealtimeGrains.LoadGen;

/// <summary>A server process the load generator started (simulator, relay, or the RealtimeGrains host), stopped on dispose.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    /// <summary>The host's silo-to-silo port setting (command-line form).</summary>
    public const string SiloPortSetting = "--Host:SiloPort=";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastLines = new();

    private ChildServer(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public int Id => _process.Id;

    /// <summary>Recent output lines (for error messages).</summary>
    public string Tail => string.Join(Environment.NewLine, _lastLines);

    public ProcessMeter Meter() => new(Process.GetProcessById(_process.Id));

    /// <summary>Starts this executable in a server mode (<c>simulator</c>, <c>relay …</c>) and waits for its <c>ready ADDRESS</c> line.</summary>
    public static async Task<ChildServer> StartSelfAsync(string name, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the load generator executable.");
        var start = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = Launch(name, start);
        try
        {
            var line = await child._process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} did not start: {line}");
            }

            child.Address = new Uri(line["ready ".Length..]);
            child.Drain(child._process.StandardOutput);
            return child;
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the RealtimeGrains host (<c>dotnet HOST.dll</c>) on <paramref name="address"/> and waits until it answers HTTP.
    /// The host runs an Orleans silo with localhost clustering on <c>Host:SiloPort</c> (default 11111): unless
    /// <paramref name="settings"/> set one, it gets a free loopback port, so two hosts of one run (or a host beside one
    /// already running) never collide. A host without a silo (builds before the move to Orleans) ignores the setting.
    /// <paramref name="environment"/> adds variables to its environment (e.g. <c>OTEL_*</c>).
    /// </summary>
    public static async Task<ChildServer> StartHostAsync(
        string hostDll, Uri address, IEnumerable<string> settings, string name = "host", IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(hostDll)! };
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        foreach (var argument in HostArguments(hostDll, address, settings))
        {
            start.ArgumentList.Add(argument);
        }

        var child = Launch(name, start);
        child.Address = address;
        child.Drain(child._process.StandardOutput);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (child._process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with {child._process.ExitCode}: {child.Tail}");
                }

                try
                {
                    using var response = await http.GetAsync(address, cancellationToken).ConfigureAwait(false);
                    return child;
                }
                catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    // Not listening yet: the host takes a few seconds to start.
                }
                catch (TaskCanceledException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !cancellationToken.IsCancellationRequested)
                {
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The command line of a host: the dll, <c>--urls</c>, the settings, and a free <c>--Host:SiloPort</c> unless the settings set one.</summary>
    public static IReadOnlyList<string> HostArguments(string hostDll, Uri address, IEnumerable<string> settings)
    {
        List<string> arguments = [hostDll, $"--urls={address.ToString().TrimEnd('/')}", .. settings];
        if (!arguments.Any(a => a.StartsWith(SiloPortSetting, StringComparison.OrdinalIgnoreCase)))
        {
            arguments.Add(SiloPortSetting + FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return arguments;
    }

    /// <summary>A free loopback port (bound, read, released).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync().ConfigureAwait(false);
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static ChildServer Launch(string name, ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        // The same runtime settings for every measured server, so CPU figures compare like with like.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildServer(process, name);
        child.Drain(process.StandardError);
        return child;
    }

    private void Drain(StreamReader reader) => _ = Task.Run(async () =>
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _lastLines.Enqueue(line);
                while (_lastLines.Count > 20)
                {
                    _lastLines.TryDequeue(out _);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    });
}

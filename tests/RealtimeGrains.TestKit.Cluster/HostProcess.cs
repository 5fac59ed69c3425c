using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RealtimeGrains.TestKit.Cluster;

/// <summary>
/// The real host executable (<c>dotnet RealtimeGrains.Host.dll</c>, built in this test's configuration) as a child process on
/// 127.0.0.1 with free ports, file state in a given folder, the in-process simulator answering at full speed. Its standard
/// output and error are captured line by line with the time each arrived. Disposing kills it (with its tree) if it still runs.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    public const string ServerCredential = "e2e-host-process-credential-0123456789";
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    private readonly Process _process;
    private readonly List<OutputLine> _output = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private HostProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseUri { get; }

    /// <summary>The name it was started with (failure messages, logs).</summary>
    public string Name { get; private init; } = "host";

    /// <summary>Its Orleans silo port.</summary>
    public int SiloPort { get; private init; }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built host, <c>src/RealtimeGrains.Host/bin/CONFIGURATION/TFM/RealtimeGrains.Host.dll</c>, of this test assembly's configuration and TFM.</summary>
    public static string HostDll
    {
        get
        {
            var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            return Path.Combine(RealtimeGrains.TestKit.Azurite.AzuriteServer.RepositoryRoot, "src", "RealtimeGrains.Host", "bin", configuration, framework, "RealtimeGrains.Host.dll");
        }
    }

    /// <summary>Starts the host on free ports with file state under <paramref name="stateDirectory"/> and waits until its HTTP port answers.</summary>
    public static Task<HostProcess> StartAsync(string stateDirectory, TimeSpan readyDeadline, params string[] extraArguments) =>
        StartAsync(readyDeadline, ["--Host:StateStore=File", $"--Host:StateDirectory={Path.GetFullPath(stateDirectory)}", "--RealtimeSimulator:SpeedFactor=0", .. extraArguments]);

    /// <summary>
    /// Starts the host on a free HTTP port and a free silo port with <paramref name="arguments"/> (state store, clustering,
    /// upstream, …) and waits until its HTTP port answers. <paramref name="name"/> prefixes failure messages; <paramref name="environment"/>
    /// adds variables to the child's environment (e.g. <c>OTEL_*</c>).
    /// </summary>
    public static async Task<HostProcess> StartAsync(
        TimeSpan readyDeadline, string[] arguments, string name = "host", int? siloPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = HostDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The host is not built at {dll}: run dotnet build tests/RealtimeGrains.Host.E2E.Tests first.", dll);
        }

        var httpPort = FreePort();
        var silo = siloPort ?? FreePort();
        while (silo == httpPort)
        {
            silo = FreePort();
        }

        var baseUri = new Uri($"http://127.0.0.1:{httpPort}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var variable in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        foreach (var argument in (string[])
        [
            dll,
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Host:SiloPort={silo.ToString(CultureInfo.InvariantCulture)}",
            $"--Gateway:ServerCredentials:0={ServerCredential}",
            "--Logging:Console:TimestampFormat=HH:mm:ss.fff ",

            // The session grain's upstream changes ("opening a new upstream session (…)") are what the tests look for.
            "--Logging:LogLevel:RealtimeGrains.Sessions=Information",
            .. arguments,
        ])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process, baseUri) { Name = name, SiloPort = silo };
        process.OutputDataReceived += (_, e) => host.Capture(e.Data, "out");
        process.ErrorDataReceived += (_, e) => host.Capture(e.Data, "err");
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(readyDeadline);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    /// <summary>Mints a client token through <c>POST /v1/realtime/sessions</c> (for <paramref name="sessionId"/> when given).</summary>
    public async Task<(string Token, string SessionId)> MintAsync(string? sessionId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/sessions");
        request.Headers.Add("api-key", ServerCredential);
        request.Content = new StringContent(
            sessionId is null ? """{"modalities":["text","audio"]}""" : $$"""{"session_id":"{{sessionId}}"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Minting a token{(sessionId is null ? "" : " for " + sessionId)} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("client_secret").GetProperty("value").GetString()!, json.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>Sends <paramref name="signal"/> to the host process (libc <c>kill</c>); returns the moment it was sent on this object's clock.</summary>
    public TimeSpan Signal(int signal)
    {
        var at = _clock.Elapsed;
        if (NativeMethods.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return at;
    }

    /// <summary>Waits for the process to exit; returns when it was seen to exit on this object's clock, or null after <paramref name="deadline"/>.</summary>
    public async Task<TimeSpan?> WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return null;
        }

        return _clock.Elapsed;
    }

    /// <summary>The captured lines (standard output and error) that arrived at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<OutputLine> OutputSince(TimeSpan since)
    {
        lock (_output)
        {
            return [.. _output.Where(l => l.At >= since)];
        }
    }

    /// <summary>All captured lines.</summary>
    public IReadOnlyList<OutputLine> Output => OutputSince(TimeSpan.Zero);

    /// <summary>The captured output as text, each line prefixed by its arrival time on this object's clock; at most <paramref name="maxLines"/> lines.</summary>
    public string OutputText(TimeSpan? since = null, int maxLines = int.MaxValue)
    {
        var lines = OutputSince(since ?? TimeSpan.Zero);
        var text = string.Join('\n', lines.Take(maxLines).Select(l => $"[{l.At.TotalSeconds,8:0.000} {l.Stream}] {l.Text}"));
        return lines.Count > maxLines ? $"{text}\n… {lines.Count - maxLines} more lines" : text;
    }

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string Tail(int count = 40)
    {
        var all = Output;
        return string.Join('\n', all.Skip(Math.Max(0, all.Count - count)).Select(l => $"[{l.At.TotalSeconds,8:0.000} {l.Stream}] {l.Text}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not started; nothing else to stop.
        }

        _process.Dispose();
    }

    private void Capture(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(new OutputLine(_clock.Elapsed, stream, line));
        }
    }

    /// <summary>Polls the HTTP port (any HTTP answer means Kestrel is up, which the host starts after the silo) until the deadline.</summary>
    private async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        var until = _clock.Elapsed + deadline;
        using var probe = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        Exception? last = null;
        while (_clock.Elapsed < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/v1/realtime/sessions", UriKind.Relative));

                // The mint endpoint is POST-only: 405 (or any answer) proves the gateway is mapped and listening.
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host did not answer on {BaseUri} within {deadline.TotalSeconds:0} s (last error: {last?.Message}):\n{Tail()}");
    }

    public sealed record OutputLine(TimeSpan At, string Stream, string Text);

    private static partial class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}

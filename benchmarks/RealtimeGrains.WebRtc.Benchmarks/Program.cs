using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Playwright;
using RealtimeGrains.Simulator;

// First-audio latency of the voice page, SignalR mode vs WebRTC mode, same script, on loopback: the host runs as its
// own process on embedded defaults (in-process simulator, memory state); Debian's Chromium opens the page; each turn
// types a question and times from sending it to the first audible frame of the reply, measured in both modes by the
// same analyser on the audio the page plays (SignalR: the page's own playback; WebRTC: the call's remote track).
// --speed is the simulator's SpeedFactor: 1 generates reply audio in real time (the default), 0 as fast as it can, as the
// real service streams faster than real time.
// Usage: [--turns N] [--speed 1|0] [--host-dll PATH] [--chromium PATH]
var turns = int.Parse(Arg("--turns", "20"), CultureInfo.InvariantCulture);
var speed = Arg("--speed", "1");
var root = FindRoot();
var hostDll = Arg("--host-dll", Path.Combine(root, "src/RealtimeGrains.Host/bin/Release/net10.0/RealtimeGrains.Host.dll"));
var chromium = Arg("--chromium", "/usr/bin/chromium");
if (!File.Exists(hostDll) || !File.Exists(chromium))
{
    Console.Error.WriteLine($"needs {hostDll} (dotnet build -c Release) and {chromium} (bash scripts/install-test-deps.sh)");
    return 2;
}

var port = FreePort();
var baseUri = new Uri($"http://127.0.0.1:{port}/");
using var host = Process.Start(new ProcessStartInfo("dotnet")
{
    ArgumentList = { hostDll, "--urls", baseUri.ToString().TrimEnd('/'), "--Host:StateStore=Memory", $"--Host:SiloPort={FreePort()}", $"--RealtimeSimulator:SpeedFactor={speed}" },
    WorkingDirectory = Path.GetDirectoryName(hostDll)!,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
host.OutputDataReceived += (_, _) => { };
host.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("host: " + line); };
host.BeginOutputReadLine();
host.BeginErrorReadLine();
try
{
    Console.WriteLine($"host pid {host.Id} on {baseUri}; waiting for /readyz");
    await WaitReadyAsync(baseUri, TimeSpan.FromSeconds(90));

    var silence = Path.Combine(Path.GetTempPath(), $"rg-webrtc-bench-{Environment.ProcessId}.wav");
    WavFile.Write(silence, Pcm16.Silence(2000));
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = chromium,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            $"--use-file-for-fake-audio-capture={silence}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
        ],
    });

    Console.WriteLine($"{turns} turns per mode (plus one warm-up), simulator speed factor {speed}, first audible reply frame after the question is sent:");
    foreach (var mode in new[] { "signalr", "webrtc" })
    {
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["microphone"], new BrowserContextGrantPermissionsOptions { Origin = baseUri.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUri.ToString());
        await page.SelectOptionAsync("#mode", mode);
        var latencies = new List<double>();
        for (var turn = 0; turn <= turns; turn++)
        {
            await page.FillAsync("#text", $"please say turn number {turn}");
            await page.ClickAsync("#text-form button[type=submit]");
            await page.WaitForFunctionAsync("() => window.realtimeGrains.marks.firstAudioAt > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 10 });
            var ms = await page.EvaluateAsync<double>("() => window.realtimeGrains.marks.firstAudioAt - window.realtimeGrains.marks.sentAt");
            if (turn > 0)
            {
                latencies.Add(ms);
            }

            // The next question waits for this reply to be heard out (700 ms of quiet), so turns do not overlap.
            await page.WaitForFunctionAsync(
                "() => { const s = window.realtimeGrains.call?.stats ?? window.realtimeGrains.audio.stats; return performance.now() - s.lastLoudAt > 700; }",
                null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 50 });
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode,-8} median {Percentile(latencies, 0.5),6:0} ms  p90 {Percentile(latencies, 0.9),6:0} ms  min {latencies[0],6:0} ms  max {latencies[^1],6:0} ms  (n={latencies.Count})"));
        await context.CloseAsync();
    }

    File.Delete(silence);
    return 0;
}
finally
{
    if (!host.HasExited)
    {
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
    }
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

static async Task WaitReadyAsync(Uri baseUri, TimeSpan deadline)
{
    using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
    var watch = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            using var response = await http.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        if (watch.Elapsed > deadline)
        {
            throw new TimeoutException($"the host did not become ready within {deadline}");
        }

        await Task.Delay(200);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RealtimeGrains.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

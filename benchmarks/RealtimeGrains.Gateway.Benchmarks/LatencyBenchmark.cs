using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Host;

namespace RealtimeGrains.Gateway.Benchmarks;

/// <summary>Time from <c>response.create</c> to the first audio delta and to <c>response.done</c>, gateway vs direct.</summary>
internal static class LatencyBenchmark
{
    public static async Task<int> RunAsync(int turns, int sessions)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["Host:StateStore"] = "Memory",
            // The host's Orleans silo listens on loopback too: a free port, so the benchmark runs beside a host on 11111.
            ["Host:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Host:SamplePage"] = "false",
            ["Gateway:ServerCredentials:0"] = "benchmark-server-credential",
            ["Gateway:MessagesPerSecond"] = "100000",
            ["Gateway:MessageBurst"] = "100000",
            ["RealtimeSimulator:SpeedFactor"] = "0",
            ["RealtimeSimulator:RecordSessions"] = "false",
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.AddRealtimeGrainsHost();
        await using var app = builder.Build();
        app.MapRealtimeGrainsHost();
        await app.StartAsync();
        var simulatorKey = app.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value.ApiKey!;
        var tokens = app.Services.GetRequiredService<ClientTokenService>();

        Console.WriteLine($"Gateway latency benchmark: {sessions} concurrent sessions x {turns / sessions} text turns each, simulator at speed 0 (no pacing), one process.");
        Console.WriteLine($"{Environment.ProcessorCount} logical cores; other work may be running on this machine.");
        await MeasureAsync("warm-up (gateway)", url, sessions, Math.Max(sessions, turns / 10), async () => ("/openai/v1/realtime?model=gpt-realtime", (await tokens.MintAsync(null, null)).Value), print: false);
        await MeasureAsync("warm-up (direct)", url, sessions, Math.Max(sessions, turns / 10), () => Task.FromResult(("/sim/openai/v1/realtime?model=gpt-realtime", simulatorKey)), print: false);
        await MeasureAsync("direct to simulator", url, sessions, turns, () => Task.FromResult(("/sim/openai/v1/realtime?model=gpt-realtime", simulatorKey)), print: true);
        await MeasureAsync("through the gateway", url, sessions, turns, async () => ("/openai/v1/realtime?model=gpt-realtime", (await tokens.MintAsync(null, null)).Value), print: true);
        await app.StopAsync();
        return 0;
    }

    private static async Task MeasureAsync(string label, string url, int sessions, int turns, Func<Task<(string Path, string Key)>> target, bool print)
    {
        var firstAudio = new List<double>();
        var done = new List<double>();
        var perSession = Math.Max(1, turns / sessions);
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var (path, key) = await target();
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
            await socket.ConnectAsync(new Uri($"ws://{new Uri(url).Authority}{path}"), CancellationToken.None);
            await ReadUntilAsync(socket, "session.created");
            for (var i = 0; i < perSession; i++)
            {
                await SendAsync(socket, $$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"turn {{{i}}}"}]}}""");
                await ReadUntilAsync(socket, "conversation.item.added");
                var watch = Stopwatch.StartNew();
                await SendAsync(socket, """{"type":"response.create"}""");
                await ReadUntilAsync(socket, "response.output_audio.delta");
                var audio = watch.Elapsed.TotalMilliseconds;
                await ReadUntilAsync(socket, "response.done");
                lock (firstAudio)
                {
                    firstAudio.Add(audio);
                    done.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }));

        if (print)
        {
            Console.WriteLine($"{label,-22} n={firstAudio.Count,4}  first audio p50 {P(firstAudio, 0.50),6:F2} ms  p99 {P(firstAudio, 0.99),6:F2} ms  |  response.done p50 {P(done, 0.50),6:F2} ms  p99 {P(done, 0.99),6:F2} ms");
        }
    }

    private static double P(List<double> values, double quantile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task ReadUntilAsync(ClientWebSocket socket, string type)
    {
        var buffer = new byte[256 * 1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (count == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(count), deadline.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"closed before {type}");
            }

            using var doc = JsonDocument.Parse(buffer.AsMemory(0, count));
            var actual = doc.RootElement.GetProperty("type").GetString();
            if (actual == "error")
            {
                throw new InvalidOperationException(doc.RootElement.GetRawText());
            }

            if (actual == type)
            {
                return;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

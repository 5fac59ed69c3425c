using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using RealtimeGrains.Host.Telemetry;
using RealtimeGrains.Sessions.Telemetry;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Telemetry;

/// <summary>
/// The real host executable with the standard <c>OTEL_*</c> variables exports over OTLP/HTTP protobuf to an in-test
/// collector on loopback: one voice session through the gateway against a simulator (a real WebSocket server with a key
/// of this test's own) — with a server tool call — arrives as one trace, and the product's, Orleans' and ASP.NET Core's
/// metrics arrive with it; a resume in a new activation joins the same trace.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class OtlpExportTests(ITestOutputHelper output)
{
    // Deadlines catch hangs on a loaded 2-core machine; they time nothing.
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Export = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Session_WithToolCall_ExportsOneTraceAndItsMetrics_WithoutSecrets()
    {
        var upstreamKey = "sk-otel-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        const string siloName = "otel-silo-1";
        await using var collector = await OtlpCollector.StartAsync();
        await using var simulator = await SimulatorServer.StartAsync(o => o.ApiKeys.Add(upstreamKey));
        await using var host = await HostProcess.StartAsync(
            Ready,
            [
                "--Host:StateStore=Memory",
                "--Host:InProcessSimulator=false",
                $"--Host:SiloName={siloName}",
                "--Upstream:Kind=Simulator",
                $"--Upstream:Endpoint={simulator.BaseUri}",
                $"--Upstream:ApiKey={upstreamKey}",

                // A session without clients deactivates soon, so the test can resume it in a new activation.
                "--RealtimeSessions:IdleTimeout=00:00:02",
            ],
            environment: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUri.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "otel-test-host",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            });

        // A refused token first (counted by reason), then a real session that asks for the weather (the sample server tool).
        using (var refused = new ClientWebSocket())
        {
            refused.Options.SetRequestHeader("Authorization", "Bearer rgt_not-a-token");
            var failure = await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), CancellationToken.None).WaitAsync(Step));
            output.WriteLine($"bad token refused: {failure.Message}");
        }

        var (token, sessionId) = await host.MintAsync().Within("minting a token", Step);
        await using var socket = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), token, Step);
        await socket.WaitForTypeAsync("session.created", Step);
        await socket.SendUserTextAsync("what is the weather in Paris", Step);
        await socket.SendAsync("""{"type":"response.create"}""", Step);

        var traceId = SessionTraceContext.TraceIdOf(sessionId);
        await collector.WaitUntilAsync(
            c => c.Spans.Any(s => s.TraceId == traceId && s.Name == "execute_tool get_weather")
                && c.Spans.Count(s => s.TraceId == traceId && s.Name == "realtime.response") >= 2,
            "the session's tool call span and both responses' spans",
            Export);
        await collector.WaitUntilAsync(
            c => Histogram(c, "realtimegrains.session.first_audio.duration") > 0
                && Histogram(c, "realtimegrains.tool.duration", ("gen_ai.tool.name", "get_weather"), ("realtimegrains.tool.outcome", "ok")) > 0
                && Value(c, "realtimegrains.session.active") == 1
                && Value(c, "realtimegrains.gateway.clients.attached") == 1
                && Value(c, "realtimegrains.gateway.tokens.refused", ("realtimegrains.token.reason", "malformed")) >= 1
                && Histogram(c, "gen_ai.client.token.usage", ("gen_ai.token.type", "output")) > 0
                && Histogram(c, "realtimegrains.session.state.write.duration", ("realtimegrains.state.outcome", "ok")) > 0
                && Value(c, "realtimegrains.session.audio.output") > 0
                && c.Metrics.Any(m => m.Scope == "Microsoft.Orleans")
                && c.Metrics.Any(m => m.Scope.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)),
            "first-audio, tool latency, active sessions, attached clients, refused tokens, token usage, state writes, audio out, Orleans' and ASP.NET Core's meters",
            Export);

        var spans = collector.Spans.Where(s => s.Scope.StartsWith("RealtimeGrains.", StringComparison.Ordinal)).ToList();
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Scope} {span.Name} trace {span.TraceId} span {span.SpanId} parent {span.ParentSpanId} {string.Join(' ', span.Attributes.Select(a => $"{a.Key}={a.Value}"))}");
        }

        // One trace per session: every product span of this session carries its trace id, whichever component made it.
        var session = spans.Where(s => s["realtimegrains.session.id"] == sessionId).ToList();
        Assert.All(session, s => Assert.Equal(traceId, s.TraceId));
        Assert.Equal(session.Count, spans.Count(s => s.TraceId == traceId));
        var names = session.Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "realtime.attach", "realtime.session.activate", "realtime.session.start", "realtime.upstream.connect", "realtime.response", "realtime.tools", "execute_tool get_weather" }, names);
        var attach = Assert.Single(session, s => s.Name == "realtime.attach");
        Assert.Equal("RealtimeGrains.Gateway", attach.Scope);
        Assert.Equal(1, attach.Links); // to the HTTP request that carried the token

        // The tool call is a child of its response's tools span, which is a child of the response that asked for it.
        var tool = Assert.Single(session, s => s.Name == "execute_tool get_weather");
        var tools = Assert.Single(session, s => s.SpanId == tool.ParentSpanId);
        Assert.Equal("realtime.tools", tools.Name);
        var asking = Assert.Single(session, s => s.SpanId == tools.ParentSpanId);
        Assert.Equal("realtime.response", asking.Name);
        Assert.Equal("1", asking["realtimegrains.response.function_calls"]);
        Assert.Equal("ok", tool["realtimegrains.tool.outcome"]);

        // The upstream connect: kind, host and port of the simulator; a child of the session's start.
        var connect = Assert.Single(session, s => s.Name == "realtime.upstream.connect");
        Assert.Equal("Simulator", connect["realtimegrains.upstream.kind"]);
        Assert.Equal(simulator.BaseUri.Host, connect["server.address"]);
        Assert.Equal(simulator.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), connect["server.port"]);
        Assert.Equal(session.Single(s => s.Name == "realtime.session.start").SpanId, connect.ParentSpanId);

        // No secret anywhere in what was exported: not the upstream key, not the client token, not the server credential.
        foreach (var span in collector.Spans)
        {
            foreach (var (key, value) in span.Attributes)
            {
                Assert.False(value.Contains(upstreamKey, StringComparison.Ordinal), $"{span.Name} {key} holds the upstream key");
                Assert.False(value.Contains(token, StringComparison.Ordinal), $"{span.Name} {key} holds the client token");
                Assert.False(value.Contains(HostProcess.ServerCredential, StringComparison.Ordinal), $"{span.Name} {key} holds the server credential");
            }
        }

        // The resource: OTEL_SERVICE_NAME wins over the default name; the instance is the silo.
        Assert.All(collector.Spans, s => Assert.Equal("otel-test-host", s.Resource["service.name"]));
        Assert.All(collector.Metrics, m => Assert.Equal(siloName, m.Resource["service.instance.id"]));
        var firstAudio = collector.Metrics.Last(m => m.Name == "realtimegrains.session.first_audio.duration");
        Assert.Equal("s", firstAudio.Unit);
        Assert.Equal("RealtimeGrains.Sessions", firstAudio.Scope);

        // The client leaves, the grain deactivates (the active count falls to 0); a new token for the same session resumes
        // it in a new activation, and the resume lands in the same trace.
        await socket.DisposeAsync();
        await collector.WaitUntilAsync(c => Value(c, "realtimegrains.session.active") == 0, "the session's deactivation (active sessions back to 0)", Export);
        var (again, _) = await host.MintAsync(sessionId).Within("a token to resume the session", Step);
        await using var resumed = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), again, Step);
        await resumed.WaitForTypeAsync("session.created", Step);
        await collector.WaitUntilAsync(c => c.Spans.Any(s => s.TraceId == traceId && s.Name == "realtime.session.resume"), "the resume's span in the session's trace", Export);
        var activations = collector.Spans.Where(s => s.Name == "realtime.session.activate" && s["realtimegrains.session.id"] == sessionId).ToList();
        Assert.Equal(["false", "true"], activations.Select(s => s["realtimegrains.session.resumed"]!).Order());
        Assert.All(activations, s => Assert.Equal(traceId, s.TraceId));
        Assert.Equal(2, collector.Spans.Count(s => s.Name == "realtime.attach" && s.TraceId == traceId));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4318", null, true)]
    [InlineData("http://127.0.0.1:4318", "true", false)]
    [InlineData("", null, false)]
    public void Export_IsOn_OnlyWithAnOtlpEndpoint_AndNotDisabled(string? endpoint, string? disabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_SDK_DISABLED"] = disabled,
        }).Build();
        Assert.Equal(expected, RealtimeTelemetryExtensions.IsExportEnabled(configuration));
    }

    /// <summary>The latest count of a histogram's points matching <paramref name="tags"/> (cumulative: the last export holds the total).</summary>
    private static ulong Histogram(OtlpCollector collector, string name, params (string Key, string Value)[] tags) =>
        collector.Metrics.LastOrDefault(m => m.Name == name && m.Points.Any(p => Matches(p, tags)))?.Points.Where(p => Matches(p, tags)).Aggregate(0UL, (sum, p) => sum + p.Count) ?? 0;

    /// <summary>The latest value of a sum's points matching <paramref name="tags"/>.</summary>
    private static double Value(OtlpCollector collector, string name, params (string Key, string Value)[] tags) =>
        collector.Metrics.LastOrDefault(m => m.Name == name && m.Points.Any(p => Matches(p, tags)))?.Points.Where(p => Matches(p, tags)).Sum(p => p.Value) ?? double.NaN;

    private static bool Matches(OtlpPoint point, (string Key, string Value)[] tags) =>
        tags.All(t => point.Attributes.TryGetValue(t.Key, out var value) && value == t.Value);
}

using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Host.E2E.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on loopback Kestrel (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>, protobuf, gzip or
/// not): what it decodes is kept, and waiters are woken at every export.
/// </summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<OtlpMetric> _metrics = new();
    private TaskCompletionSource _exported = NewSignal();
    private long _requests;

    private OtlpCollector(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public long Requests => Interlocked.Read(ref _requests);

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    /// <summary>Every metric export so far (cumulative temporality: later exports repeat and update earlier points).</summary>
    public IReadOnlyCollection<OtlpMetric> Metrics => _metrics;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", (HttpContext context, string signal) => collector.ReceiveAsync(context, signal));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        collector.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return collector;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checked after every export; fails after <paramref name="deadline"/> naming <paramref name="what"/>.</summary>
    public async Task WaitUntilAsync(Func<OtlpCollector, bool> condition, string what, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var next = _exported.Task;
            if (condition(this))
            {
                return;
            }

            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Timed out after {deadline.TotalSeconds:0} s waiting for {what}; {Requests} exports, spans: {string.Join(", ", _spans.Select(s => s.Name).Distinct())}; " +
                    $"metrics: {string.Join(", ", _metrics.Select(m => m.Name).Distinct().Take(60))}");
            }
        }
    }

    private async Task ReceiveAsync(HttpContext context, string signal)
    {
        using var body = new MemoryStream();
        var source = context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        await source.CopyToAsync(body, context.RequestAborted);
        var bytes = new ReadOnlyMemory<byte>(body.GetBuffer(), 0, (int)body.Length);
        switch (signal)
        {
            case "traces":
                OtlpDecoder.Spans(bytes).ForEach(_spans.Enqueue);
                break;
            case "metrics":
                OtlpDecoder.Metrics(bytes).ForEach(_metrics.Enqueue);
                break;
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Exchange(ref _exported, NewSignal()).TrySetResult();

        // An empty Export*ServiceResponse: full success.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}

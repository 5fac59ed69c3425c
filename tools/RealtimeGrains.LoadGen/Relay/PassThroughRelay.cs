using System.Net.WebSockets;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// The baseline users write by hand instead of a gateway: a Kestrel endpoint that, for every WebSocket request, opens the
/// same path and query on the upstream with the same credential headers and copies frames both ways until either side
/// closes. No parsing, no state, no tools: the cheapest thing that can sit between a client and the service.
/// </summary>
internal static class PassThroughRelay
{
    private const int BufferBytes = 16 * 1024;

    public static WebApplication Build(Uri upstream, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/{**path}", context => HandleAsync(context, upstream));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, Uri upstream)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var outbound = new ClientWebSocket();
        foreach (var header in new[] { "api-key", "Authorization", "OpenAI-Beta" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value))
            {
                outbound.Options.SetRequestHeader(header, value.ToString());
            }
        }

        var target = new UriBuilder(upstream) { Scheme = upstream.Scheme == "https" ? "wss" : "ws", Path = context.Request.Path, Query = context.Request.QueryString.Value }.Uri;
        try
        {
            await outbound.ConnectAsync(target, context.RequestAborted).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using var inbound = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var up = CopyAsync(inbound, outbound, done.Token);
        var down = CopyAsync(outbound, inbound, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(up, down).ConfigureAwait(false);
    }

    /// <summary>Copies frames (fragments as they come) until the source closes, then closes the destination. Never throws.</summary>
    private static async Task CopyAsync(WebSocket source, WebSocket destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        try
        {
            while (true)
            {
                var result = await source.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await destination.CloseOutputAsync(source.CloseStatus ?? WebSocketCloseStatus.NormalClosure, source.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await destination.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            destination.Abort();
        }
    }
}

using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Host;

/// <summary>
/// Whether the upstream's host accepts a TCP connection (2 s timeout, cached 10 s). The product has no circuit breaker, so
/// reachability is what is checked. Registered as <c>Degraded</c> on failure: every silo shares the upstream, and taking
/// them all out of the balancer would not bring it back. The description names the kind and host, never a key.
/// </summary>
internal sealed class UpstreamHealthCheck(IOptions<RealtimeSessionsOptions> sessions, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly CachedProbe _cache = new(TimeSpan.FromSeconds(10), time);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _cache.GetAsync(() => ProbeAsync(context.Registration.FailureStatus));

    private async Task<HealthCheckResult> ProbeAsync(HealthStatus failure)
    {
        var upstream = sessions.Value.Upstream;
        Uri? endpoint;
        try
        {
            endpoint = upstream.Endpoint ?? upstream.EndpointProvider?.Invoke();
        }
        catch (InvalidOperationException)
        {
            endpoint = null;
        }

        if (endpoint is null)
        {
            return new HealthCheckResult(failure, $"{upstream.Kind}: no endpoint known yet");
        }

        var port = endpoint.IsDefaultPort ? (endpoint.Scheme is "https" or "wss" ? 443 : 80) : endpoint.Port;
        using var timeout = new CancellationTokenSource(Timeout);
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(endpoint.Host, port, timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{upstream.Kind} {endpoint.Host}:{port} reachable");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return new HealthCheckResult(failure, $"{upstream.Kind} {endpoint.Host}:{port} unreachable ({(timeout.IsCancellationRequested ? "no answer in 2 s" : ex.Message)})");
        }
    }
}

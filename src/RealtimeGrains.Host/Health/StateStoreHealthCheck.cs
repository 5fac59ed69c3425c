using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Host;

/// <summary>
/// Ready when the configured grain-state store answers: the blob container's properties (Azure Blob, no retries, 2 s
/// timeout), or a probe file written and deleted in the state folder (File). The result is cached for 2 s.
/// </summary>
internal sealed class StateStoreHealthCheck : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly RealtimeHostOptions _host;
    private readonly string _stateRoot;
    private readonly CachedProbe _cache;
    private readonly Lazy<BlobContainerClient>? _container;

    public StateStoreHealthCheck(IOptions<RealtimeHostOptions> host, IHostEnvironment environment, TimeProvider time)
    {
        _host = host.Value;
        _stateRoot = Path.GetFullPath(_host.StateDirectory, environment.ContentRootPath);
        _cache = new CachedProbe(TimeSpan.FromSeconds(2), time);
        if (_host.StateStore == StateStoreKind.AzureBlob)
        {
            _container = new Lazy<BlobContainerClient>(CreateContainerClient);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        _cache.GetAsync(ProbeAsync);

    private async Task<HealthCheckResult> ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        switch (_host.StateStore)
        {
            case StateStoreKind.Memory:
                return HealthCheckResult.Healthy("Memory (in process)");
            case StateStoreKind.AzureBlob:
                var container = _container!.Value;
                try
                {
                    await container.GetPropertiesAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
                    return HealthCheckResult.Healthy($"AzureBlob container {container.Name} answered");
                }
                catch (RequestFailedException ex) when (ex.Status == 0)
                {
                    return HealthCheckResult.Unhealthy($"AzureBlob container {container.Name} unreachable ({ex.InnerException?.Message ?? "no answer"})");
                }
                catch (RequestFailedException ex)
                {
                    return HealthCheckResult.Unhealthy($"AzureBlob container {container.Name} refused the probe (HTTP {ex.Status}, {ex.ErrorCode})");
                }
                catch (Exception ex) when (ex is OperationCanceledException or AggregateException or AuthenticationFailedException)
                {
                    return HealthCheckResult.Unhealthy($"AzureBlob container {container.Name} unreachable ({(timeout.IsCancellationRequested ? "no answer in " + Timeout.TotalSeconds + " s" : ex.GetType().Name)})");
                }

            default:
                try
                {
                    var probe = Path.Combine(_stateRoot, ".readyz-probe");
                    await File.WriteAllTextAsync(probe, "ok", timeout.Token).ConfigureAwait(false);
                    File.Delete(probe);
                    return HealthCheckResult.Healthy($"File state folder writable");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
                {
                    return HealthCheckResult.Unhealthy($"File state folder not writable ({ex.GetType().Name})");
                }
        }
    }

    /// <summary>A client of its own on the same account and container as the silo's provider, failing fast (no retries).</summary>
    private BlobContainerClient CreateContainerClient()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Timeout;
        var azure = _host.AzureStorage;
        var service = azure.ConnectionString is { Length: > 0 } connectionString
            ? new BlobServiceClient(connectionString, options)
            : new BlobServiceClient(azure.BlobServiceUri, new DefaultAzureCredential(), options);
        return service.GetBlobContainerClient(azure.ContainerName);
    }
}

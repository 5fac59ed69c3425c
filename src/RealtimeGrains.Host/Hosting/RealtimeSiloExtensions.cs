using System.Net;
using Azure.Identity;
using Azure.Storage.Blobs;
using Orleans.Configuration;
using RealtimeGrains.Persistence;

namespace RealtimeGrains.Host;

/// <summary>The Orleans silo of the host: clustering, endpoints and the grain-state provider named <c>Default</c>, from <see cref="RealtimeHostOptions"/>.</summary>
internal static class RealtimeSiloExtensions
{
    /// <summary>One silo with localhost clustering on <see cref="RealtimeHostOptions.SiloPort"/>, no client gateway (the gateway is co-hosted), and the configured state store.</summary>
    public static ISiloBuilder AddRealtimeGrainsSilo(this ISiloBuilder silo, RealtimeHostOptions host, string contentRoot)
    {
        silo.UseLocalhostClustering(siloPort: host.SiloPort, gatewayPort: 0, serviceId: host.ServiceId, clusterId: host.ClusterId);
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        switch (host.StateStore)
        {
            case StateStoreKind.Memory:
                silo.AddMemoryGrainStorageAsDefault();
                break;
            case StateStoreKind.AzureBlob:
                silo.AddAzureBlobGrainStorageAsDefault(o =>
                {
                    o.ContainerName = host.AzureStorage.ContainerName;
                    o.BlobServiceClient = host.AzureStorage.ConnectionString is { Length: > 0 } connectionString
                        ? new BlobServiceClient(connectionString)
                        : new BlobServiceClient(host.AzureStorage.BlobServiceUri, new DefaultAzureCredential());
                });
                break;
            default:
                silo.AddFileGrainStorage(o =>
                {
                    o.RootPath = Path.GetFullPath(host.StateDirectory, contentRoot);
                    if (host.MaxConcurrentStateWrites > 0)
                    {
                        o.MaxConcurrentWrites = host.MaxConcurrentStateWrites;
                    }
                });
                break;
        }

        return silo;
    }
}

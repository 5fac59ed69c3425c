using System.Net;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Orleans.Configuration;
using RealtimeGrains.Persistence;

namespace RealtimeGrains.Host;

/// <summary>The Orleans silo of the host: clustering, endpoints and the grain-state provider named <c>Default</c>, from <see cref="RealtimeHostOptions"/>.</summary>
internal static class RealtimeSiloExtensions
{
    /// <summary>
    /// Localhost clustering (one silo on <see cref="RealtimeHostOptions.SiloPort"/>) or membership in Azure Table storage,
    /// no client gateway (the gateway is co-hosted), tuned failure detection, and the configured state store.
    /// </summary>
    public static ISiloBuilder AddRealtimeGrainsSilo(this ISiloBuilder silo, RealtimeHostOptions host, string contentRoot)
    {
        TokenCredential? credential = null;
        TokenCredential Credential() => credential ??= new DefaultAzureCredential();
        if (host.Clustering == ClusteringKind.AzureTable)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = host.ClusterId;
                o.ServiceId = host.ServiceId;
            });
            if (host.Kubernetes)
            {
                UseKubernetes(silo, host);
            }
            else
            {
                silo.ConfigureEndpoints(
                    IPAddress.TryParse(host.AdvertisedAddress, out var advertised) ? advertised : ResolveAdvertised(host.AdvertisedAddress),
                    host.SiloPort,
                    gatewayPort: 0,
                    listenOnAnyHostAddress: advertised is null || !IPAddress.IsLoopback(advertised));
            }

            silo.UseAzureStorageClustering(o =>
            {
                o.TableName = host.AzureStorage.MembershipTableName;
                if (host.AzureStorage.ConnectionString is { Length: > 0 } connectionString)
                {
                    o.TableServiceClient = new TableServiceClient(connectionString);
                }
                else if ((host.AzureStorage.TableServiceUri ?? TableUriFromBlob(host.AzureStorage.BlobServiceUri)) is { } tableUri)
                {
                    o.TableServiceClient = new TableServiceClient(tableUri, Credential());
                }
            });

            // The default directory deactivates every activation whose directory entry lived on a silo that died, so a
            // crash would drop a third of the *surviving* silos' sessions too. The distributed directory rebuilds a dead
            // silo's ranges from the survivors instead. Its range lease (which holds a dead silo's grains back for up to
            // 30 s) is off: the session lease already fences socket ownership, and bounds takeover by its own 3 s.
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; the product's lease does not rely on its guarantees.
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);
        }
        else
        {
            silo.UseLocalhostClustering(siloPort: host.SiloPort, gatewayPort: 0, serviceId: host.ServiceId, clusterId: host.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        }

        if (!host.Kubernetes)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = string.IsNullOrWhiteSpace(host.SiloName) ? $"{Environment.MachineName}:{host.SiloPort}" : host.SiloName);
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = host.Membership.ProbeTimeout;
            o.NumMissedProbesLimit = host.Membership.MissedProbesLimit;
            o.NumVotesForDeathDeclaration = host.Membership.VotesForDeath;
        });

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
                        : new BlobServiceClient(host.AzureStorage.BlobServiceUri, Credential());
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

    /// <summary>
    /// Orleans' Kubernetes hosting: it names the silo after the pod (<c>POD_NAME</c>), listens on any address, and its agent
    /// declares silos whose pod is gone dead. Ports stay the product's (no client gateway).
    /// </summary>
    private static void UseKubernetes(ISiloBuilder silo, RealtimeHostOptions host)
    {
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = host.SiloPort;
            o.GatewayPort = 0;

            // The package advertises POD_IP only if no address is set by then, but Orleans' own default (the first host
            // address) runs first; set it here so the pod IP the downward API gives is the one advertised.
            if (IPAddress.TryParse(Environment.GetEnvironmentVariable(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.PodIPEnvironmentVariable), out var podIp))
            {
                o.AdvertisedIPAddress = podIp;
            }
        });
        silo.UseKubernetesHosting();
    }

    /// <summary><c>https://ACCOUNT.table.core.windows.net</c> from <c>https://ACCOUNT.blob.core.windows.net</c>; null otherwise.</summary>
    internal static Uri? TableUriFromBlob(Uri? blob)
    {
        if (blob is null || !blob.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new UriBuilder(blob) { Host = blob.Host.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase) }.Uri;
    }

    private static IPAddress ResolveAdvertised(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            // Orleans' own choice: the first up, non-loopback interface address.
            return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? IPAddress.Loopback;
        }

        return Dns.GetHostAddresses(name).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
    }
}

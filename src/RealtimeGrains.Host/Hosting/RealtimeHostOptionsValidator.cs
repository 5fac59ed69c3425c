using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>Validates <see cref="RealtimeHostOptions"/> against the upstream choice, naming the setting at fault.</summary>
internal sealed class RealtimeHostOptionsValidator(IOptions<UpstreamOptions> upstream, IOptions<GatewayOptions> gateway) : IValidateOptions<RealtimeHostOptions>
{
    public ValidateOptionsResult Validate(string? name, RealtimeHostOptions options)
    {
        const string S = RealtimeHostOptions.SectionName;
        var failures = new List<string>();
        if (!Enum.IsDefined(options.StateStore))
        {
            failures.Add($"{S}:StateStore must be File, Memory or AzureBlob.");
        }

        if (options.StateStore == StateStoreKind.File && string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            failures.Add($"{S}:StateDirectory is required when {S}:StateStore is File.");
        }

        if (options.StateStore == StateStoreKind.AzureBlob)
        {
            var azure = options.AzureStorage;
            if (string.IsNullOrWhiteSpace(azure.ConnectionString) == (azure.BlobServiceUri is null))
            {
                failures.Add($"{S}:AzureStorage needs exactly one of ConnectionString or BlobServiceUri when {S}:StateStore is AzureBlob.");
            }

            if (azure.BlobServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme is not ("https" or "http")))
            {
                failures.Add($"{S}:AzureStorage:BlobServiceUri must be an absolute http(s) URI.");
            }

            if (string.IsNullOrWhiteSpace(azure.ContainerName) || azure.ContainerName.Length is < 3 or > 63 || azure.ContainerName.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                failures.Add($"{S}:AzureStorage:ContainerName must be 3-63 lowercase letters, digits or '-' (was '{azure.ContainerName}').");
            }
        }

        if (options.MaxConcurrentStateWrites is < 0 or > 1024)
        {
            failures.Add($"{S}:MaxConcurrentStateWrites must be between 0 (processor count) and 1024 (was {options.MaxConcurrentStateWrites}).");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"{S}:SiloPort must be between 1 and 65535 (was {options.SiloPort}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{S}:ClusterId and {S}:ServiceId must not be empty.");
        }

        ValidateCluster(options, failures);
        if (upstream.Value.Kind == UpstreamKind.Simulator && upstream.Value.Endpoint is null && !options.InProcessSimulator)
        {
            failures.Add($"{S}:InProcessSimulator is false, so Upstream:Endpoint must name a simulator (or set Upstream:Kind).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateKubernetes(RealtimeHostOptions options, List<string> failures)
    {
        const string S = RealtimeHostOptions.SectionName;
        if (!options.Kubernetes)
        {
            return;
        }

        // Orleans' Kubernetes hosting supplements a membership provider; it does not replace one.
        if (options.Clustering != ClusteringKind.AzureTable)
        {
            failures.Add($"{S}:Kubernetes needs {S}:Clustering AzureTable (Kubernetes hosting adds pod identity to a membership provider, it is not one).");
        }

        // Its agent matches silo names with pod names and declares a silo without a pod dead: the pod decides both.
        if (!string.IsNullOrWhiteSpace(options.SiloName) || !string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            failures.Add($"{S}:SiloName and {S}:AdvertisedAddress must be empty when {S}:Kubernetes is true (the pod name and POD_IP are used).");
        }
    }

    private void ValidateCluster(RealtimeHostOptions options, List<string> failures)
    {
        const string S = RealtimeHostOptions.SectionName;
        if (!Enum.IsDefined(options.Clustering))
        {
            failures.Add($"{S}:Clustering must be Localhost or AzureTable.");
            return;
        }

        var membership = options.Membership;
        if (membership.ProbeTimeout < TimeSpan.FromMilliseconds(100) || membership.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:Membership:ProbeTimeout must be between 100 ms and 1 minute (was {membership.ProbeTimeout}).");
        }

        if (membership.MissedProbesLimit is < 1 or > 10 || membership.VotesForDeath is < 1 or > 10)
        {
            failures.Add($"{S}:Membership:MissedProbesLimit and VotesForDeath must be between 1 and 10.");
        }

        ValidateKubernetes(options, failures);
        if (options.Clustering != ClusteringKind.AzureTable)
        {
            return;
        }

        // Every silo must read what any other wrote: per-process or per-machine state would lose sessions that move.
        if (options.StateStore != StateStoreKind.AzureBlob)
        {
            failures.Add($"{S}:Clustering AzureTable needs {S}:StateStore AzureBlob (a session moves between silos; its state must be shared).");
        }

        var azure = options.AzureStorage;
        if (string.IsNullOrWhiteSpace(azure.ConnectionString) && azure.TableServiceUri is null && RealtimeSiloExtensions.TableUriFromBlob(azure.BlobServiceUri) is null)
        {
            failures.Add($"{S}:Clustering AzureTable needs {S}:AzureStorage:ConnectionString or {S}:AzureStorage:TableServiceUri (or a *.blob.* BlobServiceUri to derive it from).");
        }

        if (options.AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _) && Uri.CheckHostName(address) == UriHostNameType.Unknown)
        {
            failures.Add($"{S}:AdvertisedAddress must be an IP address or a host name (was '{address}').");
        }

        // A token minted on one silo is redeemed on another: they must share the signing key.
        if (string.IsNullOrWhiteSpace(gateway.Value.TokenSigningKey))
        {
            failures.Add($"{S}:Clustering AzureTable needs Gateway:TokenSigningKey (base64, the same on every silo) so a token minted on one silo is accepted by all.");
        }
    }
}

using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Host;

/// <summary>
/// The start-up summary: one log line per component with its state (upstream, state store, cluster, gateway, dashboard,
/// health, sample page), written once the host listens. Hosts and URLs only: keys, connection strings and credentials never.
/// </summary>
internal static class StartupSummary
{
    public static IReadOnlyList<(string Component, string State)> Lines(WebApplication app, bool dashboard)
    {
        var services = app.Services;
        var host = services.GetRequiredService<IOptions<RealtimeHostOptions>>().Value;
        var gateway = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var address = (services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://?").TrimEnd('/');
        var ws = address.Replace("https://", "wss://", StringComparison.Ordinal).Replace("http://", "ws://", StringComparison.Ordinal);
        var silo = services.GetRequiredService<ILocalSiloDetails>();
        var status = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return
        [
            ("upstream", Upstream(services.GetRequiredService<IOptions<RealtimeSessionsOptions>>().Value, host)),
            ("state store", StateStore(host, app.Environment.ContentRootPath)),
            ("cluster", $"{host.Clustering}, silo {silo.Name} at {silo.SiloAddress.Endpoint} ({status}), cluster id {host.ClusterId}"),
            ("gateway", $"hub {address}{GatewayEndpointRouteBuilderExtensions.HubPath}, Realtime {ws}/openai/realtime | /openai/v1/realtime | /v1/realtime, "
                + (gateway.ServerCredentials.Count > 0 ? $"tokens POST {address}/v1/realtime/sessions ({gateway.ServerCredentials.Count} server credentials)" : "token minting off (no Gateway:ServerCredentials)")),
            ("dashboard", dashboard ? $"{address}{OperatorAccess.BasePath}/ and sessions {address}{OperatorAccess.SessionsPath} (log in with a server credential)" : "off (Host:Dashboard:Enabled)"),
            ("health", $"{address}{HealthExtensions.LivePath}, {address}{HealthExtensions.ReadyPath}"),
            ("sample page", host.SamplePage ? $"{address}/" : "off (Host:SamplePage)"),
        ];
    }

    private static string Upstream(RealtimeSessionsOptions sessions, RealtimeHostOptions host)
    {
        var upstream = sessions.Upstream;
        var endpoint = upstream.Endpoint;
        var where = endpoint is null ? "endpoint from the listen address" : endpoint.Authority;
        var auth = upstream.UseEntraId ? "Entra ID" : string.IsNullOrEmpty(upstream.ApiKey) ? "no key" : "api key";
        var inProcess = host.InProcessSimulator && upstream.Kind == Sessions.Upstream.UpstreamKind.Simulator ? ", in process" : string.Empty;
        return $"{upstream.Kind} {where}, deployment {upstream.Deployment} ({auth}{inProcess})";
    }

    private static string StateStore(RealtimeHostOptions host, string contentRoot) => host.StateStore switch
    {
        StateStoreKind.Memory => "Memory (lost on exit)",
        StateStoreKind.AzureBlob => $"AzureBlob container {host.AzureStorage.ContainerName} at {BlobAccount(host.AzureStorage)}",
        _ => $"File {Path.GetFullPath(host.StateDirectory, contentRoot)}",
    };

    /// <summary>The blob service URI (from the connection string when there is one: its endpoint only, never its key).</summary>
    private static string BlobAccount(AzureStorageHostOptions azure)
    {
        if (azure.ConnectionString is not { Length: > 0 } connectionString)
        {
            return $"{azure.BlobServiceUri} (Entra ID)";
        }

        try
        {
            return $"{new BlobServiceClient(connectionString).Uri.GetLeftPart(UriPartial.Path)} (connection string)";
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "(an unreadable connection string)";
        }
    }
}

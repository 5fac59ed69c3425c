using System.Net.WebSockets;
using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Gateway;

/// <summary>Opens the server-to-server WebSocket of a session (GA protocol) with the upstream credential.</summary>
internal sealed class UpstreamDialer(IOptions<UpstreamOptions> options, IServer server)
{
    private static readonly string[] EntraScopes = ["https://cognitiveservices.azure.com/.default"];
    private readonly UpstreamOptions _options = options.Value;
    private TokenCredential? _entra;

    public string KindName => _options.Kind.ToString();

    public async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            switch (_options.Kind)
            {
                case UpstreamKind.AzureOpenAI when _options.UseEntraId:
                    _entra ??= new DefaultAzureCredential();
                    var token = await _entra.GetTokenAsync(new TokenRequestContext(EntraScopes), cancellationToken).ConfigureAwait(false);
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + token.Token);
                    break;
                case UpstreamKind.AzureOpenAI:
                    socket.Options.SetRequestHeader("api-key", _options.ApiKey);
                    break;
                default:
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + (_options.ApiKey ?? "simulator"));
                    break;
            }

            await socket.ConnectAsync(BuildUri(), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal Uri BuildUri()
    {
        var deployment = Uri.EscapeDataString(_options.Deployment);
        string basePath;
        string pathAndQuery;
        switch (_options.Kind)
        {
            case UpstreamKind.AzureOpenAI:
                basePath = _options.Endpoint!.ToString().TrimEnd('/');
                pathAndQuery = string.IsNullOrEmpty(_options.ApiVersion)
                    ? $"/openai/v1/realtime?model={deployment}"
                    : $"/openai/realtime?api-version={Uri.EscapeDataString(_options.ApiVersion)}&deployment={deployment}";
                break;
            case UpstreamKind.OpenAI:
                basePath = (_options.Endpoint?.ToString() ?? "https://api.openai.com").TrimEnd('/');
                pathAndQuery = $"/v1/realtime?model={deployment}";
                break;
            default:
                basePath = (_options.Endpoint?.ToString() ?? OwnAddress() + _options.SimulatorPath).TrimEnd('/');
                pathAndQuery = $"/openai/v1/realtime?model={deployment}";
                break;
        }

        var builder = new UriBuilder(basePath + pathAndQuery);
        builder.Scheme = builder.Scheme switch { "https" => "wss", "http" => "ws", _ => builder.Scheme };
        return builder.Uri;
    }

    private string OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host has no server address to reach its in-process simulator; set Upstream:Endpoint.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}

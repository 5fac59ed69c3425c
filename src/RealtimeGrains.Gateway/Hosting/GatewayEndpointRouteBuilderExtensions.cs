using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;

namespace RealtimeGrains.Gateway;

/// <summary>Maps the gateway's endpoints.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>The SignalR hub path.</summary>
    public const string HubPath = "/hubs/realtime";

    /// <summary>
    /// Maps the token endpoints (<c>POST /v1/realtime/sessions</c>, <c>POST /openai/realtimeapi/sessions</c>), the
    /// Realtime-compatible WebSocket paths (<c>/openai/realtime</c>, <c>/openai/v1/realtime</c>, <c>/v1/realtime</c>)
    /// the transcript and recording reads (<c>GET /v1/sessions/{id}/transcript</c>, <c>…/recording</c>) and the SignalR hub at <see cref="HubPath"/>. Requires <see cref="GatewayServiceCollectionExtensions.AddRealtimeGateway"/>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapRealtimeGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/v1/realtime/sessions", TokenEndpoints.HandleMintAsync);
        endpoints.MapPost("/openai/realtimeapi/sessions", TokenEndpoints.HandleMintAsync);
        endpoints.Map("/openai/realtime", context => RealtimeEndpoint.HandleAsync(context, RealtimePathKind.AzurePreview));
        endpoints.Map("/openai/v1/realtime", context => RealtimeEndpoint.HandleAsync(context, RealtimePathKind.AzureGa));
        endpoints.Map("/v1/realtime", context => RealtimeEndpoint.HandleAsync(context, RealtimePathKind.OpenAI));
        endpoints.MapPost("/v1/realtime/calls", CallEndpoints.HandleCreateAsync).DisableAntiforgery();
        endpoints.MapPost("/openai/v1/realtime/calls", CallEndpoints.HandleCreateAsync).DisableAntiforgery();
        endpoints.MapPost("/v1/realtime/calls/{callId}/attach", CallEndpoints.HandleAttachAsync);
        endpoints.MapPost("/openai/v1/realtime/calls/{callId}/attach", CallEndpoints.HandleAttachAsync);
        endpoints.MapPost("/v1/realtime/client_secrets", ClientSecretEndpoints.HandleMintAsync);
        endpoints.MapPost("/openai/v1/realtime/client_secrets", ClientSecretEndpoints.HandleMintAsync);
        endpoints.MapGet("/v1/sessions/{id}/transcript", TranscriptEndpoints.HandleTranscriptAsync);
        endpoints.MapGet("/v1/sessions/{id}/recording", TranscriptEndpoints.HandleRecordingAsync);
        endpoints.MapHub<RealtimeHub>(HubPath, o => o.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling);
        return endpoints;
    }
}

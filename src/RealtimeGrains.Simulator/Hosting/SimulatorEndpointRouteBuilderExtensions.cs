using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RealtimeGrains.Simulator;

/// <summary>Maps the simulator's endpoints.</summary>
public static class SimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Realtime WebSocket paths (<c>/openai/realtime</c>, <c>/openai/v1/realtime</c>, <c>/v1/realtime</c>) and the
    /// ephemeral-key endpoints (<c>/openai/realtimeapi/sessions</c>, <c>/openai/v1/realtime/client_secrets</c>,
    /// <c>/v1/realtime/sessions</c>, <c>/v1/realtime/client_secrets</c>), the WebRTC call endpoints (<c>POST …/realtime/calls</c>,
    /// <c>POST …/realtime/calls/{call_id}/hangup</c>, <c>POST /v1/realtimertc</c>, sidebands at <c>…/realtime?call_id=…</c>), and the inspection endpoints
    /// <c>GET /_simulator/connections</c> and <c>GET /_simulator/connections/{session}</c> (the
    /// <see cref="ISimulatorInspector.AllConnectionStats"/> as JSON, unauthenticated, for tests in another process).
    /// Requires <see cref="SimulatorServiceCollectionExtensions.AddRealtimeSimulator"/>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">Optional path prefix to mount the simulator under (e.g. <c>/sim</c>).</param>
    /// <returns>The group of mapped endpoints, for further conventions.</returns>
    public static RouteGroupBuilder MapRealtimeSimulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.Map("/openai/realtime", context => Host(context).HandleConnectAsync(context, RealtimeEndpointKind.AzurePreview));
        group.Map("/openai/v1/realtime", context => IsSideband(context)
            ? Calls(context).HandleSidebandAsync(context)
            : Host(context).HandleConnectAsync(context, RealtimeEndpointKind.AzureGa));
        group.Map("/v1/realtime", context => IsSideband(context)
            ? Calls(context).HandleSidebandAsync(context)
            : Host(context).HandleConnectAsync(context, RealtimeEndpointKind.OpenAI));
        group.MapPost("/openai/v1/realtime/calls", context => Calls(context).HandleCreateAsync(context, RealtimeEndpointKind.AzureGa));
        group.MapPost("/v1/realtime/calls", context => Calls(context).HandleCreateAsync(context, RealtimeEndpointKind.OpenAI));
        group.MapPost("/openai/v1/realtime/calls/{callId}/hangup", context => Calls(context).HandleHangupAsync(context, (string)context.Request.RouteValues["callId"]!));
        group.MapPost("/v1/realtime/calls/{callId}/hangup", context => Calls(context).HandleHangupAsync(context, (string)context.Request.RouteValues["callId"]!));
        group.MapPost("/v1/realtimertc", context => Calls(context).HandlePreviewAsync(context));
        group.MapPost("/openai/realtimeapi/sessions", context => Host(context).HandleMintAsync(context, RealtimeEndpointKind.AzurePreview));
        group.MapPost("/openai/v1/realtime/client_secrets", context => Host(context).HandleMintAsync(context, RealtimeEndpointKind.AzureGa));
        group.MapPost("/v1/realtime/sessions", context => Host(context).HandleMintAsync(context, RealtimeEndpointKind.OpenAI, beta: true));
        group.MapPost("/v1/realtime/client_secrets", context => Host(context).HandleMintAsync(context, RealtimeEndpointKind.OpenAI));
        group.MapGet(ConnectionStatsEndpoints.Path, context => ConnectionStatsEndpoints.WriteAllAsync(context, Inspector(context)));
        group.MapGet(ConnectionStatsEndpoints.Path + "/{**session}", context => context.Request.RouteValues["session"] is string { Length: > 0 } session
            ? ConnectionStatsEndpoints.WriteSessionAsync(context, Inspector(context), session)
            : ConnectionStatsEndpoints.WriteAllAsync(context, Inspector(context)));
        return group;
    }

    private static bool IsSideband(HttpContext context) => context.Request.Query.ContainsKey("call_id");

    private static CallHost Calls(HttpContext context) => context.RequestServices.GetRequiredService<CallHost>();

    private static SessionHost Host(HttpContext context) => context.RequestServices.GetRequiredService<SessionHost>();

    private static SimulatorInspector Inspector(HttpContext context) => context.RequestServices.GetRequiredService<SimulatorInspector>();
}

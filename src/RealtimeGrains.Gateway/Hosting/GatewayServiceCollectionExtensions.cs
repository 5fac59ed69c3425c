using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>Registers the gateway.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>The log category of SignalR's hub dispatcher.</summary>
    private const string HubDispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>
    /// Adds the gateway: options (validated at start-up), client tokens, the SignalR hub (JSON protocol, message size
    /// limit), the WebSockets middleware, and the <see cref="IRealtimeSessionConnector"/> that attaches clients to session
    /// grains (<c>IRealtimeSessionGrain</c>; the silo must host them: <c>AddRealtimeGrains</c> + <c>AddRealtimeSessions</c>).
    /// Bind options with <c>services.Configure&lt;GatewayOptions&gt;(…)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional gateway options callback.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRealtimeGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var gateway = services.AddOptions<GatewayOptions>().ValidateOnStart();
        if (configure is not null)
        {
            gateway.Configure(configure);
        }

        services.AddOptions<UpstreamOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>());
        services.AddRealtimeClock();
        services.TryAddSingleton<ITokenLedger, GrainTokenLedger>();
        services.TryAddSingleton<ClientTokenService>();
        services.TryAddSingleton<HubClientRegistry>();
        services.TryAddSingleton<RefusalLogBudget>();
        services.TryAddSingleton<ConnectionsPerAddress>();
        services.TryAddSingleton<IRealtimeSessionConnector, GrainSessionConnector>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, GatewayWebSocketsStartupFilter>());
        // SignalR's dispatcher logs each exception of a hub method, a client's refusal included, at error level with a stack
        // trace; the hub's filter logs those instead (refusals rate-limited below warning, real faults as errors).
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, HubDispatcherLogCategory, LogLevel.Critical, null)));
        services.AddSignalR(o => o.AddFilter<HubRefusalFilter>()).AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        // Set on the global options too: SignalR's own per-hub set-up copies the global ones, and may run after this one.
        services.AddOptions<HubOptions>().Configure<IOptions<GatewayOptions>>((hub, options) => hub.MaximumReceiveMessageSize = options.Value.MaxHubMessageBytes);
        services.AddOptions<HubOptions<RealtimeHub>>().Configure<IOptions<GatewayOptions>>((hub, options) =>
        {
            hub.MaximumReceiveMessageSize = options.Value.MaxHubMessageBytes;
            hub.EnableDetailedErrors = false;
            hub.MaximumParallelInvocationsPerClient = 2;
        });
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RealtimeGrains.Runtime.Hosting;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Adds realtime session grains to a silo.</summary>
public static class RealtimeSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the session grain's services: options (validated at start-up, with the tool registrations),
    /// the upstream connector, the tool registry and dispatcher, and the JSON contracts of the persisted
    /// conversation. Register tools with <see cref="RealtimeToolServiceCollectionExtensions.AddRealtimeTool{TTool, TParameters}"/>.
    /// </summary>
    /// <param name="services">The silo's services (after <c>AddRealtimeGrains</c>).</param>
    /// <param name="configure">Sets the upstream and the session options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRealtimeSessions(this IServiceCollection services, Action<RealtimeSessionsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RealtimeSessionsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RealtimeSessionsOptions>, RealtimeSessionsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolRegistry>();
        services.TryAddSingleton<ToolDispatcher>();
        services.TryAddSingleton<IUpstreamConnector, WebSocketUpstreamConnector>();
        services.Configure<SiloOptions>(silo => silo.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, SessionsJsonContext.Default));
        return services;
    }
}

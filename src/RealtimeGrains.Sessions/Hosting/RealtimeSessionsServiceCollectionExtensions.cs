using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using RealtimeGrains.Sessions.Leases;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Adds realtime session grains to a silo.</summary>
public static class RealtimeSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the session grain's services: options (validated at start-up, with the tool registrations),
    /// the upstream connector, the tool registry and dispatcher, the product clock (<see cref="RealtimeClock"/>), and
    /// System.Text.Json as the grain-state format (camelCase, the same JSON in files and blobs, readable across versions).
    /// Register tools with <see cref="RealtimeToolServiceCollectionExtensions.AddRealtimeTool{TTool, TParameters}"/>.
    /// </summary>
    /// <param name="services">The silo's services (<c>siloBuilder.Services</c>).</param>
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
        services.AddRealtimeClock();
        services.TryAddSingleton<ToolRegistry>();
        services.TryAddSingleton<ToolDispatcher>();
        services.TryAddSingleton<UpstreamAuthorization>();
        services.TryAddSingleton<IUpstreamConnector, WebSocketUpstreamConnector>();
        services.TryAddSingleton<UpstreamCalls>();
        services.TryAddSingleton<SessionShutdown>();
        services.TryAddSingleton<SiloLease>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static sp => sp.GetRequiredService<SiloLease>());
        services.TryAddSingleton<Calls.CallRevival>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static sp => sp.GetRequiredService<Calls.CallRevival>());
        services.AddRealtimeGrainStateJson();
        services.AddSessionRecordings();
        return services;
    }

    /// <summary>Registers the product clock (<see cref="RealtimeClock.ServiceKey"/>) as the host's <see cref="TimeProvider"/> unless one is registered.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRealtimeClock(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(RealtimeClock.ServiceKey, static (sp, _) => sp.GetRequiredService<TimeProvider>());
        return services;
    }

    /// <summary>
    /// Grain state as System.Text.Json with web naming (camelCase) and the source-generated contracts of the session
    /// state first, for every storage provider that takes the default serializer (files, Azure Blob, memory).
    /// </summary>
    private static void AddRealtimeGrainStateJson(this IServiceCollection services)
    {
        services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => ConfigureStateJson(o.JsonSerializerOptions));
    }

    private static void ConfigureStateJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.PropertyNameCaseInsensitive = true;
        json.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString;
        if (!json.TypeInfoResolverChain.Contains(SessionsJsonContext.Default))
        {
            json.TypeInfoResolverChain.Insert(0, SessionsJsonContext.Default);
            json.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }
    }
}

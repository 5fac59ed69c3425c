using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Simulator;

/// <summary>Registers the Realtime simulator.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the simulator's services (options validated at start-up, key store, inspector with connection tracking, session host) and
    /// the WebSockets middleware. Map its endpoints with <see cref="SimulatorEndpointRouteBuilderExtensions.MapRealtimeSimulator"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional options callback.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRealtimeSimulator(this IServiceCollection services, Action<SimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<SimulatorOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        services.TryAddSingleton(sp =>
        {
            var inspector = new SimulatorInspector(Clock(sp));
            inspector.Faults.Rates = sp.GetRequiredService<SimulatorOptions>().FaultRates;
            return inspector;
        });
        services.TryAddSingleton<ISimulatorInspector>(sp => sp.GetRequiredService<SimulatorInspector>());
        services.TryAddSingleton(sp => new EphemeralKeyStore(Clock(sp)));
        services.TryAddSingleton(sp => new ConnectResolver(
            sp.GetRequiredService<SimulatorOptions>(),
            sp.GetRequiredService<EphemeralKeyStore>(),
            sp.GetRequiredService<SimulatorInspector>().Faults));
        services.TryAddSingleton(sp => new AudioPacer(Clock(sp)));
        services.TryAddSingleton<SessionHost>();
        services.TryAddSingleton<WebRtcFront>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebRtcFront>(sp => sp.GetRequiredService<WebRtcFront>()));
        services.TryAddSingleton<WebRtcCalls>();
        services.TryAddSingleton<CallHost>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebSocketsStartupFilter>());
        return services;
    }

    internal static TimeProvider Clock(IServiceProvider services) =>
        services.GetRequiredService<SimulatorOptions>().TimeProvider ?? TimeProvider.System;
}

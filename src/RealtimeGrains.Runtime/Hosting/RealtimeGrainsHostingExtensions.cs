using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Directory;
using RealtimeGrains.Runtime.Messaging;
using RealtimeGrains.Runtime.Placement;

namespace RealtimeGrains.Runtime.Hosting;

/// <summary>Adds the grain runtime (one silo) to a host.</summary>
public static class RealtimeGrainsHostingExtensions
{
    /// <summary>
    /// Adds a silo: options bound from the <c>RealtimeGrains</c> section and validated at start-up,
    /// <see cref="IGrainFactory"/>, the in-memory directory and placement, file grain state named
    /// <c>Default</c> unless another is registered, and a hosted service that deactivates every grain on shutdown.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Grain registrations, storage and options.</param>
    /// <returns>The host builder.</returns>
    public static IHostApplicationBuilder AddRealtimeGrains(this IHostApplicationBuilder builder, Action<SiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var silo = new SiloBuilder(builder.Services, builder.Environment.ContentRootPath);
        builder.Services.AddOptions<SiloOptions>()
            .Bind(builder.Configuration.GetSection(SiloOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddRealtimeGrainsCore();
        configure?.Invoke(silo);
        silo.AddDefaultStorage();
        return builder;
    }

    /// <summary>Registers the runtime's services without configuration binding or default storage (used by <see cref="AddRealtimeGrains"/>).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRealtimeGrainsCore(this IServiceCollection services)
    {
        services.AddOptions<SiloOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainDirectory, InMemoryGrainDirectory>();
        services.TryAddSingleton<IPlacementDirector, LocalPlacementDirector>();
        services.TryAddSingleton<IMessageTransport, LoopbackMessageTransport>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IGrainRuntimeDiagnostics>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiloHostedService>());
        return services;
    }
}

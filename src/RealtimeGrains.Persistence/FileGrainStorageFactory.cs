using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization.Serializers;

namespace RealtimeGrains.Persistence;

/// <summary>Creates the <see cref="FileGrainStorage"/> registered under a provider name.</summary>
internal static class FileGrainStorageFactory
{
    /// <summary>Creates the provider <paramref name="name"/> from its named options.</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="name">The provider name.</param>
    /// <returns>The provider.</returns>
    public static FileGrainStorage Create(IServiceProvider services, string name) =>
        new(
            name,
            services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<FileGrainStorage>>());
}

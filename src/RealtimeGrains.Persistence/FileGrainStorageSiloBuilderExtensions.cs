using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace RealtimeGrains.Persistence;

/// <summary>Registers the file grain storage provider on an Orleans silo.</summary>
public static class FileGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Keeps grain state in local files as the default storage (<see cref="ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME"/>,
    /// "Default": the provider of <c>[PersistentState("name")]</c> without a storage name).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="FileGrainStorageOptions.RootPath"/> (required) and the other options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, Action<FileGrainStorageOptions> configure) =>
        builder.AddFileGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Keeps grain state in local files under the storage name <paramref name="name"/> (a keyed
    /// <see cref="IGrainStorage"/>). The options are checked when the silo starts.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The storage name, as given to <c>[PersistentState(stateName, storageName)]</c>.</param>
    /// <param name="configure">Sets <see cref="FileGrainStorageOptions.RootPath"/> (required) and the other options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddOptions<FileGrainStorageOptions>(name).Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<FileGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<FileGrainStorageOptions>>());
        services.AddTransient<IConfigurationValidator>(sp => new FileGrainStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name), name));
        services.ConfigureNamedOptionForLogging<FileGrainStorageOptions>(name);
        services.AddGrainStorage(name, FileGrainStorageFactory.Create);
        return builder;
    }
}

using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>Registers session recording and picks its store.</summary>
public static class SessionRecordingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the recording writer, the retention clean-up and the options (section <c>RealtimeSessions:Recording</c>,
    /// validated at start-up; bind them with <c>services.AddOptions&lt;SessionRecordingOptions&gt;().Bind(…)</c>), with an
    /// in-memory store unless another is chosen (<see cref="UseFileRecordingStore"/>, <see cref="UseBlobRecordingStore"/>).
    /// <c>AddRealtimeSessions</c> calls it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSessionRecordings(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SessionRecordingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionRecordingOptions>, SessionRecordingOptionsValidator>());
        services.TryAddSingleton<IRecordingStore, MemoryRecordingStore>();
        services.TryAddSingleton<RecordingWriter>();
        services.TryAddSingleton<RecordingRetention>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RecordingRetention>(static sp => sp.GetRequiredService<RecordingRetention>()));
        return services;
    }

    /// <summary>Recordings as WAV files under <c><paramref name="rootPath"/>/recordings</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="rootPath">The state directory.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection UseFileRecordingStore(this IServiceCollection services, string rootPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        services.Replace(ServiceDescriptor.Singleton<IRecordingStore>(new FileRecordingStore(rootPath)));
        return services;
    }

    /// <summary>Recordings as block blobs under <c>recordings/</c> in a container (the state store's), created if missing.</summary>
    /// <param name="services">The services.</param>
    /// <param name="container">Makes the container client (called once, on first use).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection UseBlobRecordingStore(this IServiceCollection services, Func<BlobContainerClient> container)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(container);
        services.Replace(ServiceDescriptor.Singleton<IRecordingStore>(new BlobRecordingStore(container)));
        return services;
    }
}

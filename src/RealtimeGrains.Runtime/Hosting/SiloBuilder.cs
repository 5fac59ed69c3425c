using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Runtime.Activation;
using RealtimeGrains.Runtime.Persistence;

namespace RealtimeGrains.Runtime.Hosting;

/// <summary>Configures the silo inside <see cref="RealtimeGrainsHostingExtensions.AddRealtimeGrains"/>.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services, string contentRootPath)
    {
        Services = services;
        ContentRootPath = contentRootPath;
    }

    /// <summary>The host's services, for replacing a slot (<c>IGrainDirectory</c>, <c>IPlacementDirector</c>, <c>IMessageTransport</c>).</summary>
    public IServiceCollection Services { get; }

    internal string ContentRootPath { get; }

    /// <summary>Changes the silo options (after configuration binding).</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers a grain class for a grain interface explicitly (generated registration needs no call).</summary>
    /// <typeparam name="TGrainInterface">The grain interface.</typeparam>
    /// <typeparam name="TGrain">The grain class.</typeparam>
    /// <returns>This builder.</returns>
    public SiloBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrain
        where TGrain : Grain, TGrainInterface
    {
        Services.AddSingleton(new GrainClassRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return this;
    }

    /// <summary>Keeps grain state in process memory under <paramref name="name"/>.</summary>
    /// <param name="name">The storage name used by <see cref="PersistentStateAttribute"/>.</param>
    /// <returns>This builder.</returns>
    public SiloBuilder AddMemoryGrainStorage(string name = "Default")
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new MemoryGrainStorage());
        return this;
    }

    /// <summary>Keeps grain state in files under <paramref name="name"/> (crash-safe replace).</summary>
    /// <param name="name">The storage name used by <see cref="PersistentStateAttribute"/>.</param>
    /// <param name="configure">Sets <see cref="FileGrainStorageOptions.RootPath"/> (default: <c>grain-state</c> under the content root).</param>
    /// <returns>This builder.</returns>
    public SiloBuilder AddFileGrainStorage(string name = "Default", Action<FileGrainStorageOptions>? configure = null)
    {
        var options = new FileGrainStorageOptions { RootPath = Path.Combine(ContentRootPath, "grain-state") };
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            throw new ArgumentException($"Grain storage '{name}': {nameof(FileGrainStorageOptions.RootPath)} is required.", nameof(configure));
        }

        if (options.MaxConcurrentWrites < 1)
        {
            throw new ArgumentException($"Grain storage '{name}': {nameof(FileGrainStorageOptions.MaxConcurrentWrites)} must be at least 1 (was {options.MaxConcurrentWrites}).", nameof(configure));
        }

        Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new FileGrainStorage(options.RootPath, options.MaxConcurrentWrites));
        return this;
    }

    /// <summary>Registers a custom storage provider under <paramref name="name"/> (for example PostgreSQL).</summary>
    /// <param name="name">The storage name.</param>
    /// <param name="factory">Creates the provider.</param>
    /// <returns>This builder.</returns>
    public SiloBuilder AddGrainStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>Runs the generated registrations of an assembly now (normally they run when it loads).</summary>
    /// <param name="assembly">An assembly compiled with the grain generator.</param>
    /// <returns>This builder.</returns>
    public SiloBuilder AddGrainsFromAssembly(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return this;
    }

    internal void AddDefaultStorage()
    {
        if (!Services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, "Default")))
        {
            AddFileGrainStorage();
        }
    }
}

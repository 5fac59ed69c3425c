using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace RealtimeGrains.Persistence.CrashWriter;

/// <summary>The file storage and grain id the writer and the crash test share.</summary>
public static class CrashStorage
{
    /// <summary>The state name.</summary>
    public const string StateName = "state";

    /// <summary>The grain whose state the writer rewrites.</summary>
    public static GrainId GrainId { get; } = GrainId.Create("crash", "writer");

    /// <summary>A file storage on <paramref name="root"/> with a System.Text.Json serializer.</summary>
    /// <param name="root">The state folder.</param>
    /// <returns>The storage (dispose it when done).</returns>
    internal static FileGrainStorage Open(string root)
    {
        // The activators stay in use after this returns: the provider lives as long as the storage (the process).
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var options = new FileGrainStorageOptions
        {
            RootPath = root,
            GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())),
        };
        return new FileGrainStorage("crash", options, services.GetRequiredService<IActivatorProvider>(), NullLogger<FileGrainStorage>.Instance);
    }
}

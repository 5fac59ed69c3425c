using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>File storages outside a silo, and the serializers the tests read state with.</summary>
internal static class TestStorage
{
    private static readonly IActivatorProvider s_activators =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

    /// <summary>A file storage on <paramref name="root"/> (default: System.Text.Json with Orleans' default options).</summary>
    public static FileGrainStorage Create(string root, int? maxConcurrentWrites = null, IGrainStorageSerializer? serializer = null) =>
        new("test", new FileGrainStorageOptions
        {
            RootPath = root,
            MaxConcurrentWrites = maxConcurrentWrites ?? FileGrainStorageOptions.DefaultMaxConcurrentWrites,
            GrainStorageSerializer = serializer ?? Json(),
        }, s_activators, NullLogger<FileGrainStorage>.Instance);

    /// <summary>Orleans' System.Text.Json serializer; <paramref name="configure"/> adjusts its options.</summary>
    public static SystemTextJsonGrainStorageSerializer Json(Action<JsonSerializerOptions>? configure = null)
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        configure?.Invoke(options.JsonSerializerOptions);
        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }

    /// <summary>
    /// The serializer that reads what the old runtime wrote: its state data was System.Text.Json with web defaults
    /// (camelCase names, case-insensitive reads, numbers readable from strings).
    /// </summary>
    public static SystemTextJsonGrainStorageSerializer WebJson() => Json(o =>
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        o.PropertyNamingPolicy = web.PropertyNamingPolicy;
        o.PropertyNameCaseInsensitive = web.PropertyNameCaseInsensitive;
        o.NumberHandling = web.NumberHandling;
    });

    /// <summary>A fresh temporary folder name (not created).</summary>
    public static string NewRoot(string prefix) => Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes a test folder if it exists.</summary>
    public static void DeleteRoot(string root)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

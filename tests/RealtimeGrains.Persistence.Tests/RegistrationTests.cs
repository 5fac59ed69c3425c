using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>AddFileGrainStorage: keyed registration, the serializer default, and start-up validation of the options.</summary>
public sealed class RegistrationTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _root = TestStorage.NewRoot("rg-registration");

    public void Dispose() => TestStorage.DeleteRoot(_root);

    [Fact]
    public void Named_IsAKeyedGrainStorage_WithTheSilosSerializerByDefault()
    {
        using var host = BuildHost(silo => silo.AddFileGrainStorage("files", o => o.RootPath = _root));

        Assert.IsType<FileGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("files"));
        Assert.Null(host.Services.GetService<IGrainStorage>());
        var options = host.Services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get("files");
        Assert.Same(host.Services.GetRequiredService<IGrainStorageSerializer>(), options.GrainStorageSerializer);
        Assert.Equal(FileGrainStorageOptions.DefaultMaxConcurrentWrites, options.MaxConcurrentWrites);
        Assert.True(options.MaxConcurrentWrites >= 2);
    }

    [Fact]
    public void Serializer_RegisteredUnderTheProviderName_OrSetInTheOptions_IsUsed()
    {
        var keyed = TestStorage.WebJson();
        var configured = TestStorage.Json();
        using var host = BuildHost(silo =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer>("keyed", keyed);
            silo.AddFileGrainStorage("keyed", o => o.RootPath = _root);
            silo.AddFileGrainStorage("configured", o =>
            {
                o.RootPath = _root;
                o.GrainStorageSerializer = configured;
            });
        });

        var monitor = host.Services.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>();
        Assert.Same(keyed, monitor.Get("keyed").GrainStorageSerializer);
        Assert.Same(configured, monitor.Get("configured").GrainStorageSerializer);
        Assert.NotSame(host.Services.GetRequiredKeyedService<IGrainStorage>("keyed"), host.Services.GetRequiredKeyedService<IGrainStorage>("configured"));
    }

    [Fact]
    public void WithoutName_IsTheDefaultStorage()
    {
        using var host = BuildHost(silo => silo.AddFileGrainStorage(o => o.RootPath = _root));

        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        Assert.IsType<FileGrainStorage>(storage);
        Assert.Same(storage, host.Services.GetRequiredService<IGrainStorage>());
    }

    [Theory]
    [InlineData("", 4, "RootPath is required")]
    [InlineData("   ", 4, "RootPath is required")]
    [InlineData("root", 0, "MaxConcurrentWrites must be at least 1 (was 0)")]
    public async Task InvalidOptions_FailSiloStartup_NamingTheSetting(string rootPath, int maxConcurrentWrites, string expected)
    {
        using var host = BuildHost(silo => silo.AddFileGrainStorage("bad", o =>
        {
            o.RootPath = rootPath == "root" ? _root : rootPath;
            o.MaxConcurrentWrites = maxConcurrentWrites;
        }));

        var error = await Assert.ThrowsAsync<OrleansConfigurationException>(() => host.StartAsync().WaitAsync(Deadline));

        Assert.Contains("file grain storage 'bad'", error.Message, StringComparison.Ordinal);
        Assert.Contains("FileGrainStorageOptions." + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        using var host = BuildHost(silo =>
        {
            Assert.Throws<ArgumentException>(() => silo.AddFileGrainStorage(" ", o => o.RootPath = _root));
            Assert.Throws<ArgumentNullException>(() => silo.AddFileGrainStorage("x", null!));
        });
    }

    private static IHost BuildHost(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo);
        });
        return builder.Build();
    }
}

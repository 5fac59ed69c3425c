using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using Orleans.Configuration;

namespace RealtimeGrains.Host.Telemetry;

/// <summary>The default resource: <c>service.name</c> <c>realtimegrains</c>, <c>service.instance.id</c> the silo's name, <c>service.version</c>.</summary>
internal sealed class SiloResourceDetector(IServiceProvider services) : IResourceDetector
{
    public Resource Detect()
    {
        var silo = services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName;
        var version = typeof(SiloResourceDetector).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        return new Resource(new Dictionary<string, object>
        {
            ["service.name"] = RealtimeTelemetryExtensions.DefaultServiceName,
            ["service.instance.id"] = silo ?? Environment.MachineName,
            ["service.version"] = version,
        });
    }
}

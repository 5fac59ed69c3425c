using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RealtimeGrains.Gateway;
using RealtimeGrains.Sessions.Telemetry;

namespace RealtimeGrains.Host.Telemetry;

/// <summary>
/// OpenTelemetry from the standard <c>OTEL_*</c> variables: on when an OTLP endpoint is set
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or the per-signal <c>…_TRACES_ENDPOINT</c>/<c>…_METRICS_ENDPOINT</c>) and
/// <c>OTEL_SDK_DISABLED</c> is not <c>true</c>; off otherwise, with no SDK registered (the product's hooks then find no
/// listener). The exporter reads its own settings (protocol, headers, intervals, batch delays) from the same variables.
/// </summary>
internal static class RealtimeTelemetryExtensions
{
    /// <summary>The service name when neither <c>OTEL_SERVICE_NAME</c> nor <c>OTEL_RESOURCE_ATTRIBUTES</c> names one.</summary>
    public const string DefaultServiceName = "realtimegrains";

    private static readonly string[] EndpointVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>Whether <paramref name="configuration"/> turns the export on.</summary>
    public static bool IsExportEnabled(IConfiguration configuration) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase)
        && EndpointVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));

    /// <summary>Registers traces and metrics with OTLP export when <see cref="IsExportEnabled"/>; otherwise nothing.</summary>
    public static WebApplicationBuilder AddRealtimeGrainsTelemetry(this WebApplicationBuilder builder)
    {
        if (!IsExportEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .Clear()
                .AddDetector(services => new SiloResourceDetector(services))
                .AddTelemetrySdk()

                // Last, so OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override the defaults above.
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddSource(SessionTelemetry.ActivitySourceName, GatewayTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(SessionTelemetry.MeterName, GatewayTelemetry.MeterName, "RealtimeGrains.Persistence.FileStorage", "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        return builder;
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeGrains.Host;

/// <summary><c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness: silo active, state store, upstream).</summary>
internal static class HealthExtensions
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string Ready = "ready";

    public static WebApplicationBuilder AddRealtimeHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiloHealthCheck>();
        builder.Services.AddSingleton<StateStoreHealthCheck>();
        builder.Services.AddSingleton<UpstreamHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", HealthStatus.Unhealthy, [Ready])
            .AddCheck<StateStoreHealthCheck>("state-store", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(3))
            .AddCheck<UpstreamHealthCheck>("upstream", HealthStatus.Degraded, [Ready], TimeSpan.FromSeconds(3));
        return builder;
    }

    /// <summary>Not behind authentication: 200 when healthy or degraded, 503 when a check fails.</summary>
    public static WebApplication MapRealtimeHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        return app;
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;
using RealtimeGrains.Host.Telemetry;
using RealtimeGrains.Samples.Tools;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Host;

/// <summary>Composition of the executable: silo, gateway, simulator, sample page.</summary>
internal static class RealtimeHostExtensions
{
    /// <summary>Registers everything from configuration (sections <c>Host</c>, <c>Gateway</c>, <c>Upstream</c>, <c>RealtimeSimulator</c>, <c>RealtimeSessions</c>, <c>Orleans</c>).</summary>
    public static WebApplicationBuilder AddRealtimeGrainsHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var host = new RealtimeHostOptions();
        try
        {
            configuration.GetSection(RealtimeHostOptions.SectionName).Bind(host);
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not convert (e.g. an unknown Host:Clustering): reported like any invalid setting, naming it.
            throw new OptionsValidationException(RealtimeHostOptions.SectionName, typeof(RealtimeHostOptions), [ex.Message]);
        }

        builder.Services.AddOptions<RealtimeHostOptions>().Bind(configuration.GetSection(RealtimeHostOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RealtimeHostOptions>, RealtimeHostOptionsValidator>();

        // Invalid settings are reported by the validator at start-up; the silo is composed from what binds.
        var dashboard = builder.IsDashboardOn(host);
        builder.UseOrleans(silo => silo.AddRealtimeGrainsSilo(host, builder.Environment.ContentRootPath).AddRealtimeOperations(dashboard));
        builder.AddRealtimeDashboard(dashboard).AddRealtimeHealth();

        builder.Services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName));
        builder.Services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.SectionName));
        builder.Services.AddRealtimeGateway();
        AddSessionGrains(builder);
        builder.AddRealtimeRecordings(host);
        builder.AddRealtimeGrainsTelemetry();

        if (host.InProcessSimulator)
        {
            // The simulator and the gateway's upstream share a random key: the in-process upstream is not an open door.
            var simulatorKey = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            builder.Services.AddRealtimeSimulator(o =>
            {
                configuration.GetSection(SimulatorOptions.SectionName).Bind(o);
                o.ApiKeys.Add(simulatorKey);
            });
            builder.Services.PostConfigure<UpstreamOptions>(o =>
            {
                if (o.Kind == UpstreamKind.Simulator && o.Endpoint is null)
                {
                    o.ApiKey = simulatorKey;
                }
            });
        }

        return builder;
    }

    /// <summary>Session grains with the sample tools, their upstream taken from the one <c>Upstream</c> section.</summary>
    private static void AddSessionGrains(WebApplicationBuilder builder)
    {
        var simulatorEndpoint = OwnHttpAddress(builder.Configuration["urls"]);
        builder.Services.AddOptions<RealtimeSessionsOptions>().Bind(builder.Configuration.GetSection(RealtimeSessionsOptions.SectionName));
        builder.Services.AddRealtimeSessions();
        builder.Services.AddOptions<RealtimeSessionsOptions>().Configure<IOptions<UpstreamOptions>>(
            (sessions, upstream) => UpstreamMapping.Apply(upstream.Value, sessions.Upstream, simulatorEndpoint));
        builder.Services.AddSampleTools();
    }

    /// <summary>http://127.0.0.1:PORT from the first http listen address, or null when there is none or its port is dynamic.</summary>
    internal static string? OwnHttpAddress(string? urls)
    {
        var first = (urls ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is null)
        {
            return null;
        }

        var uri = new UriBuilder(first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        return uri.Port == 0 ? null : $"http://127.0.0.1:{uri.Port}";
    }

    /// <summary>Maps the gateway, the in-process simulator under <c>Upstream:SimulatorPath</c>, and the sample page.</summary>
    public static WebApplication MapRealtimeGrainsHost(this WebApplication app)
    {
        var host = app.Services.GetRequiredService<IOptions<RealtimeHostOptions>>().Value;
        if (host.SamplePage)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
            app.MapPost(SampleTokenEndpoint.Path, SampleTokenEndpoint.HandleAsync);
        }

        app.MapRealtimeGateway();
        if (host.DiagnosticsEndpoint)
        {
            app.MapGet(HostDiagnosticsEndpoint.Path, HostDiagnosticsEndpoint.HandleAsync);
        }

        var dashboard = app.IsDashboardOn();
        app.MapRealtimeDashboard(dashboard).MapRealtimeHealth();
        if (host.InProcessSimulator)
        {
            app.MapRealtimeSimulator(app.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value.SimulatorPath);
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "?";
            var upstream = app.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value;
            foreach (var (component, state) in StartupSummary.Lines(app, dashboard))
            {
                HostLog.Component(app.Logger, component, state);
            }

            HostLog.Started(app.Logger, address, upstream.Kind.ToString(), host.StateStore);
        });
        return app;
    }
}

using Microsoft.Extensions.Options;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Server;

/// <summary>Composition of the standalone simulator: options from the <c>RealtimeSimulator</c> section, the endpoints.</summary>
internal static class SimulatorServerExtensions
{
    /// <summary>
    /// Registers the simulator with its options bound from configuration. A value that does not convert or an unknown
    /// key under the section is reported now as an <see cref="OptionsValidationException"/> naming it; the other checks
    /// run at start-up (the options validator).
    /// </summary>
    public static WebApplicationBuilder AddSimulatorServer(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SimulatorOptions.SectionName);
        var failures = UnknownSettings.Find(section, typeof(SimulatorOptions)).Select(key => $"{key} is not a setting of the simulator.").ToList();
        try
        {
            _ = section.Get<SimulatorOptions>();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key and the value, e.g. "Failed to convert configuration value 'fast' at 'RealtimeSimulator:SpeedFactor' …".
            failures.Add(ex.Message);
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SimulatorOptions.SectionName, typeof(SimulatorOptions), failures);
        }

        builder.Services.AddRealtimeSimulator(options => section.Bind(options));
        return builder;
    }

    /// <summary>
    /// Validates the options now, so an invalid setting fails with <see cref="OptionsValidationException"/> before anything
    /// listens (and without the host's start-up error log), then maps the simulator's endpoints and a one-line page at <c>/</c>.
    /// </summary>
    public static WebApplication MapSimulatorServer(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        app.MapGet("/", () => "RealtimeGrains simulator: connect to /openai/realtime, /openai/v1/realtime or /v1/realtime.");
        app.MapRealtimeSimulator();
        return app;
    }
}

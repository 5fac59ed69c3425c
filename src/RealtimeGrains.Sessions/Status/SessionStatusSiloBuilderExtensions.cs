using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RealtimeGrains.Sessions.Status;

/// <summary>Adds the live-session listing (<see cref="ILiveSessionDirectory"/>) to a silo.</summary>
public static class SessionStatusSiloBuilderExtensions
{
    /// <summary>
    /// Registers the per-silo registry of session activations, the per-silo status grain service, and
    /// <see cref="ILiveSessionDirectory"/>. Add it on every silo of the cluster (a silo without it answers nothing).
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddRealtimeSessionStatus(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddGrainService<SessionStatusService>();
        silo.Services.TryAddSingleton<LiveSessionRegistry>();
        silo.Services.TryAddSingleton<SessionStatusClient>();
        silo.Services.TryAddSingleton<ILiveSessionDirectory, LiveSessionDirectory>();
        return silo;
    }
}

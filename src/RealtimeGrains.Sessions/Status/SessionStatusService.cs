using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime.Services;

namespace RealtimeGrains.Sessions.Status;

/// <summary>
/// The per-silo grain service behind <see cref="ISessionStatusService"/>: it asks each registered activation for its status
/// through the activation's own pump (no Orleans message to the grain, so nothing is activated). An activation that does
/// not answer within <see cref="ReadTimeout"/> (busy, or leaving) is left out of this answer.
/// </summary>
[Reentrant]
internal sealed class SessionStatusService : GrainService, ISessionStatusService
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);
    private readonly LiveSessionRegistry _registry;
    private readonly ILocalSiloDetails _silo;

    public SessionStatusService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, LiveSessionRegistry registry, ILocalSiloDetails localSilo)
        : base(grainId, silo, loggerFactory)
    {
        _registry = registry;
        _silo = localSilo;
    }

    public async Task<SessionStatus[]> GetLocalSessionsAsync()
    {
        var reads = _registry.Snapshot().Select(ReadAsync).ToList();
        var statuses = await Task.WhenAll(reads);
        var silo = _silo.SiloAddress.ToParsableString();
        return [.. statuses.OfType<SessionStatus>().Select(s => s with { Silo = silo, SiloName = _silo.Name }).OrderBy(s => s.ActivatedAt)];
    }

    private static async Task<SessionStatus?> ReadAsync(RealtimeSessionGrain grain)
    {
        try
        {
            return await grain.ReadStatusAsync().WaitAsync(ReadTimeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}

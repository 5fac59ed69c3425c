using Orleans.Services;

namespace RealtimeGrains.Sessions.Status;

/// <summary>One per silo (an Orleans grain service, addressed by silo): the status of the sessions active on that silo.</summary>
[Alias("RealtimeGrains.Sessions.Status.ISessionStatusService")]
internal interface ISessionStatusService : IGrainService
{
    /// <summary>The status of every session activation on this silo that answered in time.</summary>
    [Alias("GetLocalSessionsAsync")]
    Task<SessionStatus[]> GetLocalSessionsAsync();
}

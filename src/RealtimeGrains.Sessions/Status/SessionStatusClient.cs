using Orleans.Runtime.Services;

namespace RealtimeGrains.Sessions.Status;

/// <summary>Addresses the <see cref="ISessionStatusService"/> of a given silo.</summary>
internal sealed class SessionStatusClient(IServiceProvider services) : GrainServiceClient<ISessionStatusService>(services)
{
    public ISessionStatusService On(SiloAddress silo) => GetGrainService(silo);
}

namespace RealtimeGrains.Sessions.Leases;

/// <summary>The lease a session activation holds: the silo's current incarnation and a token cancelled when it ends.</summary>
/// <param name="Owner">What the activation stamps into the session's state.</param>
/// <param name="Lost">Cancelled when this incarnation of the silo's lease ends (not renewed in time, or the silo stopped).</param>
internal sealed record SiloLeaseTicket(SessionOwner Owner, CancellationToken Lost);

namespace RealtimeGrains.Sessions.Status;

/// <summary>The live sessions of one active silo, as <see cref="ILiveSessionDirectory.ListAsync"/> returns them.</summary>
/// <param name="Silo">The silo address (<c>IP:port@generation</c>).</param>
/// <param name="Name">The silo's name.</param>
/// <param name="Answered">False when the silo did not answer in time (its sessions are then unknown, not absent).</param>
/// <param name="Sessions">Its session activations, oldest first.</param>
public sealed record SiloSessions(string Silo, string? Name, bool Answered, IReadOnlyList<SessionStatus> Sessions);

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>
/// The clock of the product's own timing (session idle and rollover timers, write-behind interval, tool timeouts,
/// client tokens): a keyed <see cref="TimeProvider"/> that defaults to the host's. Tests register their own under
/// <see cref="ServiceKey"/> to move the product's time without moving Orleans' (membership, call timeouts, collection).
/// </summary>
public static class RealtimeClock
{
    /// <summary>The service key of the product's <see cref="TimeProvider"/>.</summary>
    public const string ServiceKey = "RealtimeGrains.Clock";
}

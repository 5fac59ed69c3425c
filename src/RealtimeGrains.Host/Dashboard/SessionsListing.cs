using RealtimeGrains.Sessions.Status;

namespace RealtimeGrains.Host;

/// <summary>The JSON of <c>GET /dashboard/api/sessions</c>.</summary>
/// <param name="GeneratedAt">When the listing was made.</param>
/// <param name="Silos">Every active silo with its live sessions.</param>
internal sealed record SessionsListing(DateTimeOffset GeneratedAt, IReadOnlyList<SiloSessions> Silos);

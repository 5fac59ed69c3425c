using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>One server event from upstream: the typed event and its JSON in the GA dialect (what observers get).</summary>
/// <param name="Event">The parsed event (dispose audio deltas after use).</param>
/// <param name="GaJson">The event as GA JSON bytes.</param>
internal sealed record UpstreamEvent(ServerEvent Event, byte[] GaJson);

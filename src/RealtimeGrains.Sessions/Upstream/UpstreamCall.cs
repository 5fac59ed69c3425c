namespace RealtimeGrains.Sessions.Upstream;

/// <summary>A WebRTC call the upstream service created: its id (for the sideband and call control) and its SDP answer.</summary>
/// <param name="CallId">The call id (<c>rtc_…</c>), from the <c>Location</c> header.</param>
/// <param name="SdpAnswer">The SDP answer for the browser.</param>
internal sealed record UpstreamCall(string CallId, string SdpAnswer);

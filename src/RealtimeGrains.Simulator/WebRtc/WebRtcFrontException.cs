namespace RealtimeGrains.Simulator;

/// <summary>The media front could not answer an offer: it refused it (<see cref="OfferRefused"/>, a 400) or is not running (a 503).</summary>
internal sealed class WebRtcFrontException(string message, bool offerRefused) : Exception(message)
{
    /// <summary>The offer itself was at fault (malformed SDP, no Opus audio section).</summary>
    public bool OfferRefused { get; } = offerRefused;
}

namespace RealtimeGrains.Simulator;

/// <summary>What the media front reports about one call; called on the front's reader loop, one message at a time.</summary>
internal interface IFrontCallSink
{
    /// <summary>The peer connection connected.</summary>
    void OnConnected();

    /// <summary>The browser's data channel opened.</summary>
    void OnChannelOpen();

    /// <summary>A text message arrived on the data channel.</summary>
    void OnChannelText(string text);

    /// <summary>One decoded RTP packet of the browser's audio: base64 PCM16 mono 24 kHz.</summary>
    void OnAudio(string pcmBase64);

    /// <summary>The front ended the call (peer connection closed or failed, never connected, or the front went away).</summary>
    void OnEnded(string reason);
}

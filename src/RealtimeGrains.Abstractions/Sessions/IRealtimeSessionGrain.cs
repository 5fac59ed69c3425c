using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions;

/// <summary>
/// One realtime voice session, keyed by session id. It owns the upstream Realtime socket, the conversation
/// (persisted, resumed after a restart, replayed into fresh upstream sessions before the service's time limit)
/// and the dispatch of the model's function calls to tool grains.
/// </summary>
[Alias("RealtimeGrains.Sessions.IRealtimeSessionGrain")]
public interface IRealtimeSessionGrain : IGrainWithStringKey
{
    /// <summary>Changes the session settings (a partial update) and sends them upstream.</summary>
    /// <param name="settings">The fields to change.</param>
    /// <returns>Accepted, or why not (a client tool named like a server tool): then nothing changed.</returns>
    [Alias("ConfigureAsync")]
    Task<ClientEventResult> ConfigureAsync(RealtimeSessionSettings settings);

    /// <summary>Attaches an observer. It first receives the conversation so far, then every forwarded event.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>A task that completes when the observer is attached.</returns>
    [Alias("AttachAsync")]
    Task AttachAsync(IRealtimeSessionObserver observer);

    /// <summary>Attaches an observer unless <paramref name="maxObservers"/> others are attached already (as <see cref="AttachAsync"/>).</summary>
    /// <param name="observer">The observer reference.</param>
    /// <param name="maxObservers">The most observers the session may have with this one.</param>
    /// <returns>Whether the observer is attached (true also when it already was).</returns>
    [Alias("TryAttachAsync")]
    Task<bool> TryAttachAsync(IRealtimeSessionObserver observer, int maxObservers);

    /// <summary>
    /// Tells the session an attached observer is still there; call every few seconds (the gateway does). An observer that
    /// kept itself attached this way and then stops calling is dropped after <c>RealtimeSessions:ObserverTimeout</c> (its
    /// gateway died). False when this activation does not know the observer: the activation it attached to is gone (its
    /// silo died or the session moved), so the client must attach again to resume.
    /// </summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>Whether the observer is attached to this activation.</returns>
    [Alias("KeepAttachedAsync")]
    Task<bool> KeepAttachedAsync(IRealtimeSessionObserver observer);

    /// <summary>Detaches an observer. After the last one leaves, the session idles, then persists, closes upstream and deactivates.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>A task that completes when the observer is detached.</returns>
    [Alias("DetachAsync")]
    Task DetachAsync(IRealtimeSessionObserver observer);

    /// <summary>Appends client audio (in the session's input format) to the upstream input buffer.</summary>
    /// <param name="audio">The audio bytes (handed over without a copy: do not change them after the call).</param>
    /// <returns>A task that completes when the audio is queued (it waits while the upstream queue is full).</returns>
    [Alias("AppendAudioAsync")]
    Task AppendAudioAsync([Immutable] byte[] audio);

    /// <summary>Commits the input audio buffer (push-to-talk).</summary>
    /// <returns>A task that completes when the commit is queued.</returns>
    [Alias("CommitAudioAsync")]
    Task CommitAudioAsync();

    /// <summary>Clears the input audio buffer.</summary>
    /// <returns>A task that completes when the clear is queued.</returns>
    [Alias("ClearAudioAsync")]
    Task ClearAudioAsync();

    /// <summary>Adds a user text message to the conversation (no response is started).</summary>
    /// <param name="text">The text.</param>
    /// <returns>A task that completes when the message is queued.</returns>
    [Alias("SendTextAsync")]
    Task SendTextAsync(string text);

    /// <summary>Asks the model for a response.</summary>
    /// <param name="options">Optional per-response overrides.</param>
    /// <returns>A task that completes when the request is queued.</returns>
    [Alias("CreateResponseAsync")]
    Task CreateResponseAsync(ResponseOverrides? options = null);

    /// <summary>Cancels the response in progress, if any.</summary>
    /// <returns>A task that completes when the cancel is queued.</returns>
    [Alias("CancelResponseAsync")]
    Task CancelResponseAsync();

    /// <summary>Reports how many milliseconds of an assistant item the client has actually played.</summary>
    /// <param name="itemId">The assistant item.</param>
    /// <param name="playedMs">Milliseconds played.</param>
    /// <returns>A task that completes when recorded.</returns>
    [Alias("ReportPlaybackAsync")]
    Task ReportPlaybackAsync(string itemId, int playedMs);

    /// <summary>
    /// Client barge-in: observers are told to flush, the response in progress is cancelled, and the assistant's last
    /// audio item is truncated at the played position (clamped to the audio received).
    /// </summary>
    /// <param name="playedMs">Milliseconds of the item the client played; null: the last reported position.</param>
    /// <returns>The <c>audio_end_ms</c> sent, or null when nothing was playing.</returns>
    [Alias("InterruptAsync")]
    Task<int?> InterruptAsync(int? playedMs = null);

    /// <summary>Truncates an assistant audio item at <paramref name="playedMs"/>, clamped to the audio actually received.</summary>
    /// <param name="itemId">The assistant item.</param>
    /// <param name="playedMs">Milliseconds the client played.</param>
    /// <returns>The <c>audio_end_ms</c> sent, or null when the item has no audio.</returns>
    [Alias("TruncateAsync")]
    Task<int?> TruncateAsync(string itemId, int playedMs);

    /// <summary>
    /// Forwards one client event of the Realtime protocol, as GA JSON, for clients that speak the protocol themselves:
    /// <c>conversation.item.create</c> (their own <c>function_call_output</c>s included), <c>.delete</c>, <c>.retrieve</c>,
    /// <c>.truncate</c>, <c>response.create</c>/<c>.cancel</c> and <c>input_audio_buffer.*</c>. The conversation follows from
    /// the server's answers, as for every event. <c>session.update</c> is refused (use <see cref="ConfigureAsync"/>: the
    /// settings must be persisted to survive a rollover).
    /// </summary>
    /// <param name="gaJson">The UTF-8 JSON of the event (GA dialect).</param>
    /// <returns>Accepted, or the error to send back to the client.</returns>
    [Alias("ForwardClientEventAsync")]
    Task<ClientEventResult> ForwardClientEventAsync([Immutable] byte[] gaJson);

    /// <summary>
    /// Starts a WebRTC call for this session from a browser's SDP offer: the grain creates the call at the model service with
    /// its own credential and the session's configuration (server tools included; the browser's data channel is filtered so
    /// it never carries tool traffic), then moves onto the call's sideband WebSocket: the conversation, its persistence, the
    /// tool dispatch and the resume stay here while the media flows browser ↔ service. A call for a session that already
    /// has a conversation replays it through the sideband; a previous call is hung up.
    /// </summary>
    /// <param name="sdpOffer">The browser's SDP offer.</param>
    /// <returns>201 with the call id and the SDP answer, or why not.</returns>
    [Alias("StartCallAsync")]
    Task<RealtimeCallResult> StartCallAsync(string sdpOffer);

    /// <summary>
    /// Attaches the session to a WebRTC call the browser created itself (with an ephemeral key from
    /// <see cref="MintClientSecretAsync"/>): the grain moves onto that call's sideband as for <see cref="StartCallAsync"/>.
    /// </summary>
    /// <param name="callId">The call id (from the <c>Location</c> header the service answered the browser with).</param>
    /// <returns>200 with the call id, or why not.</returns>
    [Alias("AttachCallAsync")]
    Task<RealtimeCallResult> AttachCallAsync(string callId);

    /// <summary>
    /// Mints a GA ephemeral key at the model service for a browser that posts its SDP offer to the service itself: the key
    /// carries this session's configuration (with its server tools).
    /// </summary>
    /// <param name="expiresAfterSeconds">The key's lifetime, 10 to 7200 s; null: the service's default (600 s).</param>
    /// <returns>200 with the service's JSON (<c>value</c>, <c>expires_at</c>, <c>session</c>), or why not.</returns>
    [Alias("MintClientSecretAsync")]
    Task<RealtimeCallResult> MintClientSecretAsync(int? expiresAfterSeconds);

    /// <summary>
    /// Azure preview WebRTC (the seeds' flow): mints a one-minute key at the preview sessions URL with this session's
    /// configuration and its client tools only — a preview call has no sideband, so the server's tools could not be run — and
    /// returns it with the regional WebRTC URL (<c>webrtc_url</c>) the browser posts its offer to.
    /// </summary>
    /// <returns>200 with the service's session object (its <c>client_secret</c>) plus <c>webrtc_url</c>, or why not.</returns>
    [Alias("MintPreviewKeyAsync")]
    Task<RealtimeCallResult> MintPreviewKeyAsync();

    /// <summary>
    /// Makes sure a session on a WebRTC call is on its call's sideband (a new activation goes back onto it); the silos call it
    /// for every session on a call after one of them died. Does nothing for a session not on a call.
    /// </summary>
    /// <returns>Whether the session is on a call.</returns>
    [Alias("EnsureCallAsync")]
    Task<bool> EnsureCallAsync();

    /// <summary>Reads the conversation.</summary>
    /// <returns>A copy of the items, settings and usage.</returns>
    [Alias("GetConversationAsync")]
    Task<ConversationSnapshot> GetConversationAsync();

    /// <summary>Ends the session: observers are told, upstream closes, the persisted conversation is deleted, the grain deactivates.</summary>
    /// <returns>A task that completes when the session has ended.</returns>
    [Alias("EndAsync")]
    Task EndAsync();
}

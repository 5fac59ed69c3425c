using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Audio on its way to the store: <see cref="Length"/> bytes of a <see cref="Buffer"/> of the writer's (reused once written), or, with <see cref="Done"/> set and nothing in it, a marker completed when everything before it is stored.
/// </summary>
internal sealed record RecordingChunk(string SessionId, RecordingDirection Direction, byte[]? Buffer, int Length, TaskCompletionSource? Done = null);

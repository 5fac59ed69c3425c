using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>Names of recordings in stores: the session id escaped (never a path separator, never <c>.</c> or <c>..</c>).</summary>
internal static class RecordingNames
{
    public static string Folder(string sessionId) => "s_" + Uri.EscapeDataString(sessionId);

    public static string File(RecordingDirection direction) => direction == RecordingDirection.Input ? "input.wav" : "output.wav";
}

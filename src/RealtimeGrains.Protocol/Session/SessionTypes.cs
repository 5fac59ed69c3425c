namespace RealtimeGrains.Protocol;

/// <summary>GA <c>session.type</c> values.</summary>
public static class SessionTypes
{
    /// <summary>Speech-to-speech / text session.</summary>
    public const string Realtime = "realtime";

    /// <summary>Transcription-only session (beta <c>transcription_session.*</c>).</summary>
    public const string Transcription = "transcription";
}

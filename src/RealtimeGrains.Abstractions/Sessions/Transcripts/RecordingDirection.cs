namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>Which audio of a session a recording holds.</summary>
public enum RecordingDirection
{
    /// <summary>The client's audio (what the user said), as sent upstream.</summary>
    Input,

    /// <summary>The model's audio (what the user heard), as received from upstream.</summary>
    Output,
}

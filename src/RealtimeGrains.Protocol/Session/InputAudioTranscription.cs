namespace RealtimeGrains.Protocol;

/// <summary>Input audio transcription settings (<c>input_audio_transcription</c>; GA: <c>audio.input.transcription</c>).</summary>
public sealed class InputAudioTranscription : ProtocolObject
{
    /// <summary>Transcription model, e.g. <c>whisper-1</c>, <c>gpt-4o-transcribe</c>.</summary>
    public string? Model { get; set; }

    /// <summary>ISO-639-1 language hint.</summary>
    public string? Language { get; set; }

    /// <summary>Prompt or keyword list for the transcription model.</summary>
    public string? Prompt { get; set; }
}

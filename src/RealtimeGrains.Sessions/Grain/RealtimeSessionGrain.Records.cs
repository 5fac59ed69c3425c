using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Transcript and recording hooks: the live transcript, the creation time, and the audio of both directions copied into
/// the activation's <see cref="SessionRecorder"/> (PCM16 only; nothing when recording is off).
/// </summary>
internal sealed partial class RealtimeSessionGrain : ISessionRecordsGrain
{
    private SessionRecorder? _recorder;

    public Task<SessionTranscript> GetLiveTranscriptAsync() => Task.FromResult(TranscriptBuilder.Build(_sessionId, State, live: true));

    /// <summary>Stores what the recorder buffers; not after the session was given up (its new owner records from then on).</summary>
    public Task FlushRecordingAsync() => _fenced ? Task.CompletedTask : _recorder?.FlushAsync() ?? Task.CompletedTask;

    /// <summary>At activation, before ownership is taken (its write then stores the creation time of a new session).</summary>
    private void BeginRecords()
    {
        if (!_persisted.RecordExists)
        {
            State.CreatedAt ??= _time.GetUtcNow();
        }

        _recorder = ServiceProvider.GetRequiredService<RecordingWriter>().CreateRecorder(_sessionId);
    }

    private void RecordInput(ReadOnlySpan<byte> audio)
    {
        if (_recorder is { } recorder && InputFormat.Encoding == AudioEncoding.Pcm16)
        {
            recorder.Append(RecordingDirection.Input, audio);
        }
    }

    private void RecordInput(ClientEvent clientEvent)
    {
        if (clientEvent is InputAudioBufferAppendEvent append)
        {
            RecordInput(append.Audio.Span);
        }
    }

    private void RecordOutput(ServerEvent serverEvent)
    {
        if (_recorder is { } recorder && serverEvent is ResponseOutputAudioDeltaEvent delta && OutputFormat.Encoding == AudioEncoding.Pcm16)
        {
            recorder.Append(RecordingDirection.Output, delta.Delta.Span);
        }
    }
}

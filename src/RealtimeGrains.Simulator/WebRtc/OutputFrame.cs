namespace RealtimeGrains.Simulator;

/// <summary>What one 20 ms tick of a call's playout produced.</summary>
/// <param name="HasAudio">Whether a frame was written (else nothing is sent this tick).</param>
/// <param name="Started">A response whose playout starts with this frame (<c>output_audio_buffer.started</c>).</param>
/// <param name="Stopped">A response whose playout has drained (<c>output_audio_buffer.stopped</c>), before this frame.</param>
internal readonly record struct OutputFrame(bool HasAudio, string? Started, string? Stopped);

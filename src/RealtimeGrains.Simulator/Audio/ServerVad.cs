namespace RealtimeGrains.Simulator;

/// <summary>
/// Energy-based voice activity detection over PCM16 in 10 ms frames. <c>threshold</c> (0–1, like the
/// service's) maps to an RMS level of <c>threshold × 0.05</c> of full scale, so the default 0.5 fires at
/// about −32 dBFS: tone-code audio is speech, digital silence and faint noise are not.
/// </summary>
internal sealed class ServerVad
{
    private readonly int _frameBytes;
    private readonly double _energyLimit;
    private readonly int _prefixPaddingMs;
    private readonly int _silenceDurationMs;
    private readonly byte[] _partial;
    private int _partialLength;
    private long _frameIndex;
    private int _silentMs;

    public ServerVad(int sampleRate, double threshold, int prefixPaddingMs, int silenceDurationMs)
    {
        var samples = sampleRate / 100;
        _frameBytes = samples * 2;
        _partial = new byte[_frameBytes];
        var level = Math.Clamp(threshold, 0.0, 1.0) * 0.05 * 32768.0;
        _energyLimit = level * level * samples;
        _prefixPaddingMs = Math.Max(0, prefixPaddingMs);
        _silenceDurationMs = Math.Max(10, silenceDurationMs);
    }

    public bool InSpeech { get; private set; }

    /// <summary>Sets the clock (ms of session audio so far) without detecting anything, e.g. after a format change.</summary>
    public void Reset(long audioMs)
    {
        _frameIndex = audioMs / 10;
        _partialLength = 0;
        InSpeech = false;
        _silentMs = 0;
    }

    public void Process(ReadOnlySpan<byte> pcm16, List<VadEvent> events)
    {
        if (_partialLength > 0)
        {
            var take = Math.Min(_frameBytes - _partialLength, pcm16.Length);
            pcm16[..take].CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += take;
            pcm16 = pcm16[take..];
            if (_partialLength < _frameBytes)
            {
                return;
            }

            ProcessFrame(_partial, events);
            _partialLength = 0;
        }

        while (pcm16.Length >= _frameBytes)
        {
            ProcessFrame(pcm16[.._frameBytes], events);
            pcm16 = pcm16[_frameBytes..];
        }

        pcm16.CopyTo(_partial);
        _partialLength = pcm16.Length;
    }

    private void ProcessFrame(ReadOnlySpan<byte> frame, List<VadEvent> events)
    {
        double energy = 0;
        for (var i = 0; i + 1 < frame.Length; i += 2)
        {
            double sample = (short)(frame[i] | (frame[i + 1] << 8));
            energy += sample * sample;
        }

        var startMs = _frameIndex * 10;
        _frameIndex++;
        var speech = energy > _energyLimit;
        if (!InSpeech)
        {
            if (speech)
            {
                InSpeech = true;
                _silentMs = 0;
                events.Add(new VadEvent(true, Math.Max(0, startMs - _prefixPaddingMs)));
            }

            return;
        }

        _silentMs = speech ? 0 : _silentMs + 10;
        if (_silentMs >= _silenceDurationMs)
        {
            InSpeech = false;
            _silentMs = 0;
            events.Add(new VadEvent(false, startMs + 10));
        }
    }
}

using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Tests.Audio;

public sealed class ServerVadTests
{
    [Fact]
    public void ToneCodeBetweenSilences_IsOneSpeechSegment_WithPaddingAndSilenceDuration()
    {
        var vad = new ServerVad(24_000, threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 200);
        var events = new List<VadEvent>();
        var speech = ToneCode.Encode("hi there");
        var audio = Pcm16.Silence(1000).Concat(speech).Concat(Pcm16.Silence(500)).ToArray();

        // Feed in odd-sized chunks to exercise partial frames.
        for (var offset = 0; offset < audio.Length; offset += 1234)
        {
            vad.Process(audio.AsSpan(offset, Math.Min(1234, audio.Length - offset)), events);
        }

        Assert.Equal(2, events.Count);
        Assert.True(events[0].Started);
        Assert.Equal(1000 - 300, events[0].AudioMs);
        Assert.False(events[1].Started);
        var speechEndMs = 1000 + ToneCode.DurationMs(8) - ToneCode.GapMs;
        Assert.InRange(events[1].AudioMs, speechEndMs + 200, speechEndMs + 220);
    }

    [Fact]
    public void Silence_NeverStartsSpeech()
    {
        var vad = new ServerVad(24_000, 0.5, 300, 200);
        var events = new List<VadEvent>();

        vad.Process(Pcm16.Silence(3000), events);

        Assert.Empty(events);
        Assert.False(vad.InSpeech);
    }

    [Fact]
    public void HighThreshold_IgnoresQuietTone()
    {
        var vad = new ServerVad(24_000, 1.0, 0, 200);
        var events = new List<VadEvent>();

        vad.Process(Pcm16.ApplyGain(ToneCode.Encode("quiet"), 0.1), events);

        Assert.Empty(events);
    }
}

using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Tests.Audio;

public sealed class ToneCodeTests
{
    [Theory]
    [InlineData("what is the weather in oslo")]
    [InlineData("hello, world! 42 ll-oo")]
    [InlineData("")]
    public void Encode_ThenDecode_RoundTrips(string text)
    {
        var audio = ToneCode.Encode(text);

        Assert.True(ToneCode.TryDecode(audio, ToneCode.SampleRate, out var decoded));
        Assert.Equal(text, decoded);
        Assert.Equal(ToneCode.DurationMs(text.Length) * Pcm16.BytesPerMs24k, audio.Length);
    }

    [Theory]
    [InlineData(48_000)]
    [InlineData(44_100)]
    [InlineData(16_000)]
    public void Decode_AfterResamplingAwayAndBack_RoundTrips(int rate)
    {
        var audio = ToneCode.Encode("book a table for two");

        var away = Pcm16.Resample(audio, ToneCode.SampleRate, rate);
        Assert.True(ToneCode.TryDecode(away, rate, out var atRate));
        Assert.Equal("book a table for two", atRate);

        var back = Pcm16.Resample(away, rate, ToneCode.SampleRate);
        Assert.True(ToneCode.TryDecode(back, ToneCode.SampleRate, out var decoded));
        Assert.Equal("book a table for two", decoded);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(3.0)]
    public void Decode_AfterGainChangeAndSurroundingSilence_RoundTrips(double gain)
    {
        var audio = ToneCode.Encode("gain test");
        var padded = Pcm16.Silence(700).Concat(Pcm16.ApplyGain(audio, gain)).Concat(Pcm16.Silence(400)).ToArray();

        Assert.True(ToneCode.TryDecode(padded, ToneCode.SampleRate, out var decoded));
        Assert.Equal("gain test", decoded);
    }

    [Fact]
    public void Decode_NoiseOrSilence_IsNotToneCode()
    {
        var random = new Random(7);
        var noise = new byte[48_000];
        random.NextBytes(noise);

        Assert.False(ToneCode.TryDecode(noise, ToneCode.SampleRate, out _));
        Assert.False(ToneCode.TryDecode(Pcm16.Silence(1000), ToneCode.SampleRate, out _));
    }

    [Fact]
    public void Decode_TruncatedMessage_IsNotToneCode()
    {
        var audio = ToneCode.Encode("cut short");

        Assert.False(ToneCode.TryDecode(audio.AsSpan(0, audio.Length / 2), ToneCode.SampleRate, out _));
    }

    [Fact]
    public void Wav_WriteThenRead_KeepsSamplesAndRate()
    {
        var audio = ToneCode.Encode("wav");

        var samples = WavFile.Read(WavFile.Create(audio, 24_000), out var rate);

        Assert.Equal(24_000, rate);
        Assert.Equal(audio, samples);
    }

    [Theory]
    [InlineData(RealtimeGrains.Protocol.AudioEncoding.G711ULaw)]
    [InlineData(RealtimeGrains.Protocol.AudioEncoding.G711ALaw)]
    public void Decode_AfterG711At8kHz_RoundTrips(RealtimeGrains.Protocol.AudioEncoding encoding)
    {
        var audio = ToneCode.Encode("call me at 5");
        var encoded = new byte[audio.Length / 6];
        G711Audio.EncodeFromPcm16At24k(audio, encoding, encoded);

        var decoded = G711Audio.DecodeToPcm16(encoded, encoding);

        Assert.True(ToneCode.TryDecode(decoded, 8_000, out var text));
        Assert.Equal("call me at 5", text);
    }
}

namespace RealtimeGrains.Protocol.Tests.Audio;

public class AudioFormatTests
{
    [Fact]
    public void Pcm16_100Milliseconds_Is4800Bytes_And6400Base64Chars()
    {
        Assert.Equal(48, AudioFormat.Pcm16.BytesPerMillisecond);
        Assert.Equal(4800, AudioFormat.Pcm16.MillisecondsToBytes(100));
        Assert.Equal(100, AudioFormat.Pcm16.BytesToMilliseconds(4800));
        Assert.Equal(6400, Base64Audio.GetEncodedLength(4800));
    }

    [Fact]
    public void G711_Is8BytesPerMillisecond()
    {
        Assert.Equal(8, AudioFormat.G711ULaw.BytesPerMillisecond);
        Assert.Equal(8, AudioFormat.G711ALaw.BytesPerMillisecond);
        Assert.Equal(800, AudioFormat.G711ALaw.MillisecondsToBytes(100));
        Assert.Equal(12.5, AudioFormat.G711ULaw.BytesToMilliseconds(100));
    }

    [Theory]
    [InlineData(1500, 4800, 100)]    // played more than received: clamp to received
    [InlineData(40, 4800, 40)]
    [InlineData(-5, 4800, 0)]
    [InlineData(100, 4847, 100)]     // partial millisecond rounds down
    public void ClampTruncation_NeverPastTheAudioReceived(long playedMs, long receivedBytes, long expected) =>
        Assert.Equal(expected, AudioFormat.Pcm16.ClampTruncation(playedMs, receivedBytes));

    [Fact]
    public void AlignToSample_NeverSplitsAPcm16Sample()
    {
        Assert.Equal(4800, AudioFormat.Pcm16.AlignToSample(4801));
        Assert.Equal(4801, AudioFormat.G711ULaw.AlignToSample(4801));
    }

    [Theory]
    [InlineData("pcm16", AudioEncoding.Pcm16)]
    [InlineData("g711_ulaw", AudioEncoding.G711ULaw)]
    [InlineData("g711-ulaw", AudioEncoding.G711ULaw)]
    [InlineData("g711_alaw", AudioEncoding.G711ALaw)]
    [InlineData("opus", AudioEncoding.Unknown)]
    public void FromBetaName_KnowsTheThreeFormats(string name, AudioEncoding expected) =>
        Assert.Equal(expected, AudioFormat.FromBetaName(name).Encoding);

    [Theory]
    [InlineData("audio/pcm", 24000, AudioEncoding.Pcm16)]
    [InlineData("audio/pcm", 16000, AudioEncoding.Unknown)]
    [InlineData("audio/pcmu", null, AudioEncoding.G711ULaw)]
    [InlineData("audio/pcma", null, AudioEncoding.G711ALaw)]
    public void FromGa_KnowsTheThreeFormats(string type, int? rate, AudioEncoding expected) =>
        Assert.Equal(expected, AudioFormat.FromGa(type, rate).Encoding);
}

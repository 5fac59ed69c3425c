namespace RealtimeGrains.Protocol.Tests.Parsing;

public class ProtocolLimitsTests
{
    [Fact]
    public void Defaults_AreValid_And15MiBOfAudioFitsInAFrame()
    {
        var limits = ProtocolLimits.Default.Validate();
        Assert.Equal(15 * 1024 * 1024, limits.MaxAudioBytes);
        Assert.True(limits.MaxFrameBytes > limits.MaxAudioBase64Length);
    }

    [Fact]
    public void Validate_NamesTheBadSetting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ProtocolLimits { MaxStringLength = 0 }.Validate());
        Assert.Contains("ProtocolLimits.MaxStringLength", ex.Message, StringComparison.Ordinal);
    }
}

using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Cli;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    [InlineData("1.5s", 1.5)]
    public void TryParse_KnownUnits_GivesSeconds(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3s")]
    [InlineData("3d")]
    public void TryParse_Nonsense_Fails(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Fact]
    public void Compare_UnknownPath_IsAParseError()
    {
        var result = LoadGenCommands.Build().Parse(["compare", "--paths", "direct,teleport"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("teleport", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_NonLoopbackUrl_IsRefusedWithExitCode2()
    {
        var exit = LoadGenCommands.Build().Parse(["run", "--url", "http://example.com", "--mode", "direct"]).Invoke();

        Assert.Equal(2, exit);
    }
}

using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Cli;

public sealed class UrlListParserTests
{
    [Fact]
    public void TryParse_RepeatedAndCommaSeparated_GivesEveryAddressInOrder()
    {
        Assert.True(UrlListParser.TryParse(["http://127.0.0.1:5001", " http://127.0.0.1:5002 , http://127.0.0.1:5003,"], out var urls, out var error));

        Assert.Null(error);
        Assert.Equal(["http://127.0.0.1:5001/", "http://127.0.0.1:5002/", "http://127.0.0.1:5003/"], urls.Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("127.0.0.1:5001")]
    [InlineData("/v1/realtime")]
    [InlineData("ws://127.0.0.1:5001")]
    public void TryParse_NotAnHttpAddress_NamesTheValue(string text)
    {
        Assert.False(UrlListParser.TryParse(["http://127.0.0.1:5001", text], out var urls, out var error));

        Assert.Empty(urls);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SameAddressTwice_IsRefused()
    {
        Assert.False(UrlListParser.TryParse(["http://127.0.0.1:5001,http://127.0.0.1:5001/"], out _, out var error));

        Assert.Contains("more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OnlyCommas_AsksForAnAddress()
    {
        Assert.False(UrlListParser.TryParse([","], out _, out var error));

        Assert.Contains("at least one", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UrlRepeatedAndCommaSeparated_ParsesAllThree()
    {
        var result = LoadGenCommands.Build().Parse(["run", "--url", "http://127.0.0.1:5001", "--url", "http://127.0.0.1:5002,http://127.0.0.1:5003", "--server-credential", "x"]);

        Assert.Empty(result.Errors);
        Assert.Equal([5001, 5002, 5003], result.GetValue<Uri[]>("--url")!.Select(u => u.Port));
    }

    [Fact]
    public void Run_OneUrl_ParsesAsBefore()
    {
        var result = LoadGenCommands.Build().Parse(["run", "--url", "http://127.0.0.1:5000", "--server-credential", "x"]);

        Assert.Empty(result.Errors);
        Assert.Equal("http://127.0.0.1:5000/", Assert.Single(result.GetValue<Uri[]>("--url")!).ToString());
    }

    [Fact]
    public void Run_BadUrlAmongSeveral_IsAParseError()
    {
        var result = LoadGenCommands.Build().Parse(["run", "--url", "http://127.0.0.1:5001,nonsense"]);

        Assert.Contains(result.Errors, e => e.Message.Contains("'nonsense'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_OneNonLoopbackUrlAmongSeveral_IsRefusedWithExitCode2()
    {
        var exit = LoadGenCommands.Build().Parse(["run", "--url", "http://127.0.0.1:5001", "--url", "http://example.com", "--mode", "direct"]).Invoke();

        Assert.Equal(2, exit);
    }
}

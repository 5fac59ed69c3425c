using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Compare;

public sealed class CompareRunnerTests
{
    [Fact]
    public void PathsAt_WithoutBaseline_AreThePathsAsGiven()
    {
        var options = new CompareOptions { Paths = [LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway] };

        Assert.Equal([LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway], CompareRunner.PathsAt(options, 0));
        Assert.Equal([LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway], CompareRunner.PathsAt(options, 1));
    }

    [Fact]
    public void PathsAt_WithBaseline_RunsItBesideTheGatewayAlternatingWhichGoesFirst()
    {
        var options = new CompareOptions { Paths = [LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway], BaselineHostDll = "/tmp/other/RealtimeGrains.Host.dll" };

        Assert.Equal([LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway, LoadPaths.Baseline], CompareRunner.PathsAt(options, 0));
        Assert.Equal([LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Baseline, LoadPaths.Gateway], CompareRunner.PathsAt(options, 1));
        Assert.Equal([LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway, LoadPaths.Baseline], CompareRunner.PathsAt(options, 2));
    }

    [Fact]
    public void PathsAt_BaselineNamedInPaths_IsNotAddedTwice()
    {
        var options = new CompareOptions { Paths = [LoadPaths.Baseline, LoadPaths.Direct], BaselineHostDll = "/tmp/other/RealtimeGrains.Host.dll" };

        Assert.Equal([LoadPaths.Baseline, LoadPaths.Direct], CompareRunner.PathsAt(options, 0));
        Assert.Equal([LoadPaths.Baseline, LoadPaths.Direct], CompareRunner.PathsAt(options, 1));
    }

    [Fact]
    public void HostArguments_WithoutSiloPort_AddAFreeOne()
    {
        var arguments = ChildServer.HostArguments("/x/RealtimeGrains.Host.dll", new Uri("http://127.0.0.1:5000/"), ["--Host:StateStore=Memory"]);

        Assert.Equal("/x/RealtimeGrains.Host.dll", arguments[0]);
        Assert.Equal("--urls=http://127.0.0.1:5000", arguments[1]);
        Assert.Contains("--Host:StateStore=Memory", arguments);
        var siloPort = Assert.Single(arguments, a => a.StartsWith(ChildServer.SiloPortSetting, StringComparison.Ordinal));
        var port = int.Parse(siloPort[ChildServer.SiloPortSetting.Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 1024, 65535);
        Assert.NotEqual(11111, port);
    }

    [Fact]
    public void HostArguments_WithSiloPort_KeepIt()
    {
        var arguments = ChildServer.HostArguments("/x/RealtimeGrains.Host.dll", new Uri("http://127.0.0.1:5000/"), ["--Host:SiloPort=22222"]);

        Assert.Equal("--Host:SiloPort=22222", Assert.Single(arguments, a => a.StartsWith(ChildServer.SiloPortSetting, StringComparison.Ordinal)));
    }
}

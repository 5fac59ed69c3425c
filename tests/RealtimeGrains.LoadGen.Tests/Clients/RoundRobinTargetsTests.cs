using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Clients;

public sealed class RoundRobinTargetsTests
{
    private static readonly Uri[] Silos = [new("http://127.0.0.1:5001"), new("http://127.0.0.1:5002"), new("http://127.0.0.1:5003")];

    [Fact]
    public void For_GatewayTargets_SessionIMintsAndConnectsOnUrlIModN()
    {
        var targets = RoundRobinTargets.Gateway(Silos, "credential");

        for (var i = 0; i < 7; i++)
        {
            var target = targets.For(i);
            var port = 5001 + (i % 3);
            Assert.Equal(i % 3, targets.IndexOf(i));
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/v1/realtime/sessions"), target.TokenEndpoint);
            Assert.Equal($"ws://127.0.0.1:{port}/v1/realtime", target.WebSocketUri.GetLeftPart(UriPartial.Path));
            Assert.Equal("credential", target.ServerCredential);
            Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), target.BaseUri);
        }
    }

    [Fact]
    public void For_DirectTargets_SessionIConnectsOnUrlIModN()
    {
        var targets = RoundRobinTargets.Direct(Silos[..2], "key");

        Assert.Equal([5001, 5002, 5001, 5002, 5001], Enumerable.Range(0, 5).Select(i => targets.For(i).WebSocketUri.Port));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Null(targets.For(i).TokenEndpoint));
    }

    [Fact]
    public void IndexOf_OneTarget_IsAlwaysTheFirst()
    {
        var targets = RoundRobinTargets.Gateway(Silos[..1], "credential");

        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(0, targets.IndexOf(i)));
    }

    [Fact]
    public void Constructor_NoTargets_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoundRobinTargets([]));
    }
}

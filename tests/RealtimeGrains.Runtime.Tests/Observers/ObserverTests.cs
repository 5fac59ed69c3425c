using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Observers;

/// <summary>Grains pushing to observers; run with local and with serialized calls.</summary>
public abstract class ObserverTests(SiloFixture fixture)
{
    private IGrainFactory Grains => fixture.GrainFactory;

    [Fact]
    public async Task Observer_Joined_ReceivesPushesInOrder()
    {
        var room = Grains.GetGrain<IChatRoomGrain>(Guid.NewGuid().ToString("N"));
        var observer = new ChatObserver();
        await room.JoinAsync(Grains.CreateObjectReference<IChatObserver>(observer)).Within("join");

        Assert.Equal(1, await room.SendAsync("one").Within("send one"));
        Assert.Equal(1, await room.NoticeAsync("two").Within("notice two"));

        Assert.Equal("one", await observer.Received.Reader.ReadAsync().AsTask().Within("first push"));
        Assert.Equal("notice:two", await observer.Received.Reader.ReadAsync().AsTask().Within("second push"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeletedObserver_IsDroppedOnTheNextPush(bool oneWay)
    {
        var room = Grains.GetGrain<IChatRoomGrain>(Guid.NewGuid().ToString("N"));
        var alive = new ChatObserver();
        var dead = Grains.CreateObjectReference<IChatObserver>(new ChatObserver());
        await room.JoinAsync(Grains.CreateObjectReference<IChatObserver>(alive)).Within("join alive");
        await room.JoinAsync(dead).Within("join dead");
        Grains.DeleteObjectReference<IChatObserver>(dead);

        var delivered = oneWay ? await room.NoticeAsync("hi").Within("notice") : await room.SendAsync("hi").Within("send");

        Assert.Equal(1, delivered);
        Assert.Equal(1, await room.CountAsync().Within("count"));
        Assert.EndsWith("hi", await alive.Received.Reader.ReadAsync().AsTask().Within("push to the live observer"));
    }
}

public sealed class ObserverTests_Local(SiloFixture fixture) : ObserverTests(fixture), IClassFixture<SiloFixture>;

public sealed class ObserverTests_Serialized(SerializingSiloFixture fixture) : ObserverTests(fixture), IClassFixture<SerializingSiloFixture>;

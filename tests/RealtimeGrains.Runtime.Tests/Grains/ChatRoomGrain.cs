namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed class ChatRoomGrain : Grain, IChatRoomGrain
{
    private readonly ObserverManager<IChatObserver> _observers = new();

    public Task JoinAsync(IChatObserver observer)
    {
        _observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task<int> SendAsync(string text) => _observers.NotifyAsync(o => o.OnMessageAsync(text));

    public Task<int> NoticeAsync(string text) => _observers.NotifyAsync(o => o.OnNoticeAsync(text));

    public Task<int> CountAsync() => Task.FromResult(_observers.Count);
}

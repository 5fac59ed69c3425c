namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IChatRoomGrain : IGrainWithStringKey
{
    Task JoinAsync(IChatObserver observer);

    Task<int> SendAsync(string text);

    Task<int> NoticeAsync(string text);

    Task<int> CountAsync();
}

namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task OnMessageAsync(string text);

    [OneWay]
    Task OnNoticeAsync(string text);
}

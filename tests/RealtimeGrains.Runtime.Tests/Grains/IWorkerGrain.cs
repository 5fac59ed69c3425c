namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<int> MeetAsync(string rendezvous, int parties);
}

namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>A stateless worker whose calls wait for each other: they can only all finish if they run in different activations.</summary>
[StatelessWorker(2)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    public async Task<int> MeetAsync(string rendezvous, int parties)
    {
        if (Signals.Increment(rendezvous) == parties)
        {
            Signals.Raise(rendezvous);
        }

        await Signals.Get(rendezvous).Task;
        return System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}

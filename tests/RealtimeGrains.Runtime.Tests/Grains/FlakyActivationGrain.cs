namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>Fails its first activation per key, succeeds afterwards.</summary>
public sealed class FlakyActivationGrain : Grain, IFlakyActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Signals.Increment("flaky/" + GetPrimaryKey()) == 1
            ? throw new GrainTestException("first activation fails")
            : Task.CompletedTask;

    public Task<Guid> GetKeyAsync() => Task.FromResult(GetPrimaryKey());
}

namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> profile) : Grain, IProfileGrain
{
    public async Task SetNameAsync(string name)
    {
        profile.State.Name = name;
        profile.State.Version++;
        await profile.WriteStateAsync();
    }

    public Task<ProfileState> GetAsync() => Task.FromResult(profile.State);

    public Task<bool> RecordExistsAsync() => Task.FromResult(profile.RecordExists);

    public Task ClearAsync() => profile.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Signals.Raise("profile-deactivated/" + GetPrimaryKeyString(), reason);
        return Task.CompletedTask;
    }
}

namespace RealtimeGrains.Persistence.Tests;

/// <summary>Keeps a <see cref="ProfileState"/> in the default storage under the state name "s".</summary>
[GrainType("test.profile")]
public sealed class ProfileGrain([PersistentState("s", "Default")] IPersistentState<ProfileState> state) : Grain, IProfileGrain
{
    public Task SetAsync(string name, int visits)
    {
        state.State.Name = name;
        state.State.Visits = visits;
        return state.WriteStateAsync();
    }

    public Task<ProfileState> GetAsync() => Task.FromResult(state.State);

    public Task<bool> RecordExistsAsync() => Task.FromResult(state.RecordExists);

    public Task ClearAsync() => state.ClearStateAsync();
}

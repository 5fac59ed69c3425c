namespace RealtimeGrains.Sessions.Calls;

/// <summary><see cref="ICallRegistryGrain"/>: a set of session ids in grain state (the shared store), written on every change.</summary>
internal sealed class CallRegistryGrain([PersistentState("call-registry")] IPersistentState<CallRegistryState> state) : Grain, ICallRegistryGrain
{
    public async Task AddAsync(string sessionId)
    {
        if (state.State.SessionIds.Add(sessionId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string sessionId)
    {
        if (state.State.SessionIds.Remove(sessionId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.SessionIds]);
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Providers;
using Orleans.Storage;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>
/// Reads a session's persisted state straight from the grain storage (the session grain's id and state name), so an
/// unknown session stays unknown (nothing is activated or written) and no upstream is opened. When the state names an
/// owner, the session is live somewhere: the session grain itself answers, from memory.
/// </summary>
[StatelessWorker]
internal sealed class SessionTranscriptGrain(IServiceProvider services, IGrainFactory grains) : Grain, ISessionTranscriptGrain
{
    /// <summary>The session grain's type (see <c>[GrainType]</c> on <c>RealtimeSessionGrain</c>) and its state name.</summary>
    internal const string SessionGrainType = "RealtimeGrains.Sessions.IRealtimeSessionGrain";
    internal const string SessionStateName = "realtime-session";

    public async Task<SessionTranscript?> GetTranscriptAsync()
    {
        var sessionId = this.GetPrimaryKeyString();
        var state = await ReadAsync(sessionId);
        if (state is null)
        {
            return null;
        }

        return state.Owner is null
            ? TranscriptBuilder.Build(sessionId, state, live: false)
            : await grains.GetGrain<ISessionRecordsGrain>(sessionId).GetLiveTranscriptAsync();
    }

    public async Task FlushRecordingAsync()
    {
        var sessionId = this.GetPrimaryKeyString();
        if (await ReadAsync(sessionId) is { Owner: not null })
        {
            await grains.GetGrain<ISessionRecordsGrain>(sessionId).FlushRecordingAsync();
        }
    }

    private async Task<ConversationState?> ReadAsync(string sessionId)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync(SessionStateName, GrainId.Create(SessionGrainType, sessionId), state);
        return state.RecordExists ? state.State : null;
    }
}

using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>
/// Turns a session's conversation state into its transcript: speakers, words, timestamps, each function call joined
/// with its output (executor: a client tool when the session's settings declare one by that name, else a server tool
/// grain), per-response usage and the totals.
/// </summary>
internal static class TranscriptBuilder
{
    public static SessionTranscript Build(string sessionId, ConversationState state, bool live)
    {
        var outputs = state.Items.Where(i => i.Type == ItemTypes.FunctionCallOutput && i.CallId is not null)
            .GroupBy(i => i.CallId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var clientTools = (state.Settings.ClientTools ?? []).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new SessionTranscript
        {
            SessionId = sessionId,
            CreatedAt = state.CreatedAt,
            Live = live,
            UpstreamReplacements = state.UpstreamGenerations,
            Items = [.. state.Items.Select(i => ToEntry(i, outputs, clientTools))],
            Responses = [.. state.Responses],
            Usage = state.Usage with { },
        };
    }

    private static TranscriptItem ToEntry(ConversationItem item, Dictionary<string, ConversationItem> outputs, HashSet<string> clientTools)
    {
        TranscriptFunctionCall? call = null;
        if (item.Type == ItemTypes.FunctionCall)
        {
            var output = item.CallId is { } callId ? outputs.GetValueOrDefault(callId) : null;
            call = new TranscriptFunctionCall
            {
                CallId = item.CallId,
                Name = item.Name,
                Arguments = item.Arguments,
                Executor = item.Name is { } name && clientTools.Contains(name) ? "client" : "server",
                Output = output?.Output,
                OutputItemId = output?.Id,
                DurationMs = output?.CreatedAt is { } answered && (item.CompletedAt ?? item.CreatedAt) is { } asked
                    ? Math.Max(0, (answered - asked).TotalMilliseconds)
                    : null,
            };
        }

        var isOutput = item.Type == ItemTypes.FunctionCallOutput;
        return new TranscriptItem
        {
            Id = item.Id,
            Type = item.Type,
            Speaker = Speaker(item),
            Status = item.Status,
            Text = item.Text,
            Transcript = item.Transcript,
            HasAudio = item.HasAudio,
            AudioMs = item.AudioMs,
            Truncated = item.Truncated,
            CreatedAt = item.CreatedAt,
            CompletedAt = item.CompletedAt,
            FunctionCall = call,
            CallId = isOutput ? item.CallId : null,
            Output = isOutput ? item.Output : null,
        };
    }

    private static string Speaker(ConversationItem item) => item.Type switch
    {
        ItemTypes.FunctionCallOutput => "tool",
        ItemTypes.FunctionCall => "assistant",
        _ => item.Role ?? "assistant",
    };
}

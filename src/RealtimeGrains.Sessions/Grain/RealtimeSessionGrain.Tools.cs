using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Telemetry;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Function calls: when a response finishes with calls, they run in parallel outside grain turns (audio keeps
/// flowing); their outputs come back in one turn that sends every <c>function_call_output</c> and then exactly
/// one <c>response.create</c>.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private readonly HashSet<string> _answeredResponses = new(StringComparer.Ordinal);

    private void StartTools(RealtimeResponse response)
    {
        // Out-of-band responses (no conversation) are not answered: their calls are not in the conversation.
        if (response.Status != RealtimeResponse.Statuses.Completed || response.Id is null || response.ConversationId is null)
        {
            return;
        }

        var allCalls = (response.Output ?? []).Where(i => i.Type == ItemTypes.FunctionCall && i.CallId is not null).ToList();
        var calls = allCalls
            .Where(i => !IsClientTool(i.Name))
            .Select(i => new ToolCall(_sessionId, i.CallId!, i.Name ?? string.Empty, i.Arguments ?? "{}"))
            .ToList();
        if (calls.Count == 0 || !_answeredResponses.Add(response.Id))
        {
            return;
        }

        // With a client call in the same response the client asks for the next response (after its output); the server
        // then only sends its own outputs.
        var clientAsks = allCalls.Count > calls.Count;

        LogToolsStarted(_logger, _sessionId, response.Id, calls.Count);
        var span = StartToolsSpan(calls.Count);
        _ = Task.Run(async () =>
        {
            using var tools = SessionTelemetry.MakeAmbient(span); // the calls' spans become its children
            var outputs = await _dispatcher.RunAsync(_sessionId, calls, instructions => RunTurnSafeAsync(() => SpeakFillerAsync(instructions)));
            await RunTurnSafeAsync(() => AnswerToolsAsync(response.Id, outputs, clientAsks));
        });
    }

    private async Task AnswerToolsAsync(string responseId, IReadOnlyList<ToolCallOutput> outputs, bool clientAsks)
    {
        foreach (var output in outputs)
        {
            var item = RealtimeItem.FunctionCallOutput(output.CallId, output.Output);
            item.Id = ProtocolIds.NewItemId();
            await SendUpstreamAsync(new ConversationItemCreateEvent { EventId = ProtocolIds.NewEventId(), Item = item });
        }

        var failures = outputs.Count(o => o.Outcome != ToolOutcome.Succeeded);
        LogToolsAnswered(_logger, _sessionId, responseId, outputs.Count, failures);
        if (!clientAsks)
        {
            await RequestOwnResponseAsync();
        }
    }

    /// <summary>An out-of-band spoken filler ("one moment…") while a slow tool runs; it does not join the conversation.</summary>
    private Task SpeakFillerAsync(string instructions) =>
        SendUpstreamAsync(new ResponseCreateEvent
        {
            EventId = ProtocolIds.NewEventId(),
            Response = new ResponseOptions
            {
                Conversation = "none",
                Instructions = instructions,
                Input = [],
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["purpose"] = "filler" },
            },
        });
}

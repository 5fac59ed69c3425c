using System.Text.Json;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Tools the client declared (it runs them) beside the server's tool grains (hidden from clients). Client tools are echoed
/// in <c>session.updated</c>, their calls and outputs pass; server tools stay out of the echo and their traffic stays
/// hidden. Responses never collide: the server's own follow-up <c>response.create</c> (after its tools answered) waits
/// while a response the client asked for is pending or streaming, and a client's <c>response.create</c> sent while the
/// server's follow-up is pending or streaming is merged into it (that response answers both).
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private readonly HashSet<string> _clientCallIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clientCallItemIds = new(StringComparer.Ordinal);
    private bool _clientResponsePending;
    private bool _ownResponsePending;
    private string? _ownResponseId;
    private bool _ownResponseQueued;

    private bool IsClientTool(string? name) =>
        name is not null && State.Settings.ClientTools?.Any(t => string.Equals(t.Name, name, StringComparison.Ordinal)) == true;

    /// <summary>A client tool named like one of the session's server tools: the update is refused.</summary>
    private ClientEventResult? CheckClientTools(RealtimeSessionSettings update)
    {
        var serverTools = _tools.Describe((update.Tools ?? State.Settings.Tools)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tool in update.ClientTools ?? [])
        {
            if (serverTools.Contains(tool.Name))
            {
                return new ClientEventResult(false, "invalid_value",
                    $"The tool '{tool.Name}' is a server-side tool of this session; declare your own tools under other names.");
            }

            if (tool.ParametersJson is { } schema && !IsJsonObject(schema))
            {
                return new ClientEventResult(false, "invalid_value", $"The parameters of tool '{tool.Name}' must be a JSON schema object.");
            }
        }

        return null;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The server's tools, then the client's.</summary>
    private List<RealtimeTool> DescribeTools()
    {
        // A client that requires a tool call requires one of its own tools: while it says so, the server's tools are not offered.
        var tools = RequiresClientTool(State.Settings.ToolChoice) ? [] : _tools.Describe(State.Settings.Tools);
        tools.AddRange(DescribeClientTools());
        return tools;
    }

    private IEnumerable<RealtimeTool> DescribeClientTools()
    {
        foreach (var tool in State.Settings.ClientTools ?? [])
        {
            JsonElement? parameters = tool.ParametersJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
            yield return RealtimeTool.Function(tool.Name, tool.Description, parameters);
        }
    }

    private bool RequiresClientTool(string? toolChoice) => toolChoice == "required" && State.Settings.ClientTools is { Count: > 0 };

    /// <summary>A client's <c>response.create</c> requiring a tool call without naming tools: offer that response only the client's tools.</summary>
    private void OfferOnlyClientTools(ResponseCreateEvent create)
    {
        if (create.Response is { Tools: null, ToolChoice.Mode: "required" } response && RequiresClientTool("required"))
        {
            response.Tools = [.. DescribeClientTools()];
        }
    }

    private ToolChoice? DescribeToolChoice(int toolCount) => State.Settings.ToolChoice switch
    {
        { } choice when choice.StartsWith("function:", StringComparison.Ordinal) => ToolChoice.Function(choice["function:".Length..]),
        { } mode => new ToolChoice(mode),
        null => toolCount > 0 ? ToolChoice.Auto : null,
    };

    /// <summary>Remembers which function calls are the client's (by item and call id), as they appear.</summary>
    private void TrackClientCalls(ServerEvent serverEvent)
    {
        var item = serverEvent switch
        {
            ResponseOutputItemAddedEvent added => added.Item,
            ResponseOutputItemDoneEvent done => done.Item,
            _ => null,
        };
        if (item is { Type: ItemTypes.FunctionCall } && IsClientTool(item.Name))
        {
            if (item.Id is { } itemId)
            {
                _clientCallItemIds.Add(itemId);
            }

            if (item.CallId is { } callId)
            {
                _clientCallIds.Add(callId);
            }
        }
    }

    /// <summary>A function call or output the server's tools handle (hidden from clients by default).</summary>
    private bool IsServerToolItem(RealtimeItem? item) => item?.Type switch
    {
        ItemTypes.FunctionCall => !IsClientTool(item.Name) && !(item.Id is { } id && _clientCallItemIds.Contains(id)),
        ItemTypes.FunctionCallOutput => !(item.CallId is { } callId && _clientCallIds.Contains(callId)),
        _ => false,
    };

    private bool IsClientCallEvent(ServerEvent serverEvent) => serverEvent switch
    {
        ResponseFunctionCallArgumentsDeltaEvent delta => delta.ItemId is { } id && _clientCallItemIds.Contains(id),
        ResponseFunctionCallArgumentsDoneEvent done => (done.ItemId is { } id && _clientCallItemIds.Contains(id)) || IsClientTool(done.Name),
        _ => false,
    };

    /// <summary>The session echo without the server's tools (clients see only their own).</summary>
    private byte[] WithoutServerTools(ServerEvent serverEvent, byte[] gaJson)
    {
        var session = serverEvent switch
        {
            SessionUpdatedEvent updated => updated.Session,
            SessionCreatedEvent created => created.Session,
            _ => null,
        };
        if (session?.Tools is not { Count: > 0 } tools || tools.All(t => IsClientTool(t.Name)))
        {
            return gaJson;
        }

        session.Tools = [.. tools.Where(t => IsClientTool(t.Name))];
        return RealtimeProtocol.ToUtf8Bytes(serverEvent, ProtocolDialect.GA) ?? gaJson;
    }

    /// <summary>Whether a client's <c>response.create</c> goes upstream (false: merged into the server's own follow-up).</summary>
    private bool AdmitClientResponse(ResponseCreateEvent create)
    {
        if (create.Response?.Conversation == "none")
        {
            return true; // out of band: never collides
        }

        if (_ownResponsePending || _ownResponseId is not null)
        {
            LogResponseMerged(_logger, _sessionId);
            return false;
        }

        _clientResponsePending = true;
        return true;
    }

    /// <summary>The server's follow-up after its tools answered: now, or when the client's response is done.</summary>
    private async Task RequestOwnResponseAsync()
    {
        if (_clientResponsePending || _tracker.ActiveResponseId is not null)
        {
            _ownResponseQueued = true;
            return;
        }

        _ownResponsePending = true;
        await SendUpstreamAsync(new ResponseCreateEvent { EventId = ProtocolIds.NewEventId() });
    }

    /// <summary>Follows which response is whose, and sends a queued follow-up once the way is clear.</summary>
    private async Task TrackResponsesAsync(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case ResponseCreatedEvent { Response: { ConversationId: not null } created }:
                if (_ownResponsePending)
                {
                    _ownResponsePending = false;
                    _ownResponseId = created.Id;
                }
                else
                {
                    _clientResponsePending = false;
                }

                break;
            case ResponseDoneEvent { Response: { } done }:
                if (done.Id == _ownResponseId)
                {
                    _ownResponseId = null;
                }

                if (_ownResponseQueued && _tracker.ActiveResponseId is null && !_clientResponsePending)
                {
                    _ownResponseQueued = false;
                    await RequestOwnResponseAsync();
                }

                break;
            case ErrorEvent:
                // A refused response.create never starts: do not wait for it.
                _clientResponsePending = false;
                _ownResponsePending = false;
                break;
        }
    }

    /// <summary>After an upstream switch nothing is pending on the old session.</summary>
    private void ForgetPendingResponses()
    {
        _clientResponsePending = false;
        _ownResponsePending = false;
        _ownResponseId = null;
    }

    [LoggerMessage(EventId = 244, Level = LogLevel.Debug, Message = "Session {SessionId}: a client response.create merged into the server's own follow-up response")]
    private static partial void LogResponseMerged(ILogger logger, string sessionId);
}

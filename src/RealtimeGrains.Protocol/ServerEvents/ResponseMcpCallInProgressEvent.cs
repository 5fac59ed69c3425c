namespace RealtimeGrains.Protocol;

/// <summary><c>response.mcp_call.in_progress</c>: GA: MCP call running.</summary>
public sealed class ResponseMcpCallInProgressEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseMcpCallInProgress;

    /// <summary>The mcp_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }
}

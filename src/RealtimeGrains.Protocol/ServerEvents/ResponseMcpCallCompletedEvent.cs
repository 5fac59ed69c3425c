namespace RealtimeGrains.Protocol;

/// <summary><c>response.mcp_call.completed</c>: GA: MCP call done.</summary>
public sealed class ResponseMcpCallCompletedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseMcpCallCompleted;

    /// <summary>The mcp_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }
}

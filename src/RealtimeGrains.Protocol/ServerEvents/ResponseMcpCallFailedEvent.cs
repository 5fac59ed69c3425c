namespace RealtimeGrains.Protocol;

/// <summary><c>response.mcp_call.failed</c>: GA: MCP call failed.</summary>
public sealed class ResponseMcpCallFailedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseMcpCallFailed;

    /// <summary>The mcp_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }
}

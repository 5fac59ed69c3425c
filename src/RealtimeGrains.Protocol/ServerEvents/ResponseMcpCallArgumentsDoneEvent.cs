namespace RealtimeGrains.Protocol;

/// <summary><c>response.mcp_call_arguments.done</c>: GA: MCP call arguments final.</summary>
public sealed class ResponseMcpCallArgumentsDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseMcpCallArgumentsDone;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The mcp_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Arguments as JSON text.</summary>
    public string? Arguments { get; set; }
}

namespace RealtimeGrains.Protocol;

/// <summary><c>response.mcp_call_arguments.delta</c>: GA: MCP call arguments delta.</summary>
public sealed class ResponseMcpCallArgumentsDeltaEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseMcpCallArgumentsDelta;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The mcp_call item.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Arguments text.</summary>
    public string? Delta { get; set; }
}

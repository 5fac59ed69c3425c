namespace RealtimeGrains.Protocol;

/// <summary><c>mcp_list_tools.failed</c>: GA: listing MCP tools failed.</summary>
public sealed class McpListToolsFailedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.McpListToolsFailed;

    /// <summary>The mcp_list_tools item.</summary>
    public string? ItemId { get; set; }
}

namespace RealtimeGrains.Protocol;

/// <summary><c>mcp_list_tools.in_progress</c>: GA: listing MCP tools.</summary>
public sealed class McpListToolsInProgressEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.McpListToolsInProgress;

    /// <summary>The mcp_list_tools item.</summary>
    public string? ItemId { get; set; }
}

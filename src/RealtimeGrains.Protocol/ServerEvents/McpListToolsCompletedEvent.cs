namespace RealtimeGrains.Protocol;

/// <summary><c>mcp_list_tools.completed</c>: GA: MCP tools listed.</summary>
public sealed class McpListToolsCompletedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.McpListToolsCompleted;

    /// <summary>The mcp_list_tools item.</summary>
    public string? ItemId { get; set; }
}

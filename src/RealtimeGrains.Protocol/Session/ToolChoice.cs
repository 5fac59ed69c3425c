using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// <c>tool_choice</c>: a mode string (<c>auto</c>, <c>none</c>, <c>required</c>) or a forced tool. GA writes a forced
/// function as <c>{type:"function", name}</c>; beta (Azure reference form) as <c>{type:"function", function:{name}}</c>.
/// Both forms are read in either dialect.
/// </summary>
[JsonConverter(typeof(ToolChoiceJsonConverter))]
public sealed class ToolChoice : IEquatable<ToolChoice>
{
    /// <summary>The model decides.</summary>
    public static readonly ToolChoice Auto = new("auto");

    /// <summary>No tool calls.</summary>
    public static readonly ToolChoice None = new("none");

    /// <summary>At least one tool call.</summary>
    public static readonly ToolChoice Required = new("required");

    /// <summary>Creates a mode choice (a JSON string).</summary>
    /// <param name="mode">The mode string.</param>
    public ToolChoice(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        Mode = mode;
    }

    private ToolChoice(string type, string name, string? serverLabel)
    {
        Type = type;
        Name = name;
        ServerLabel = serverLabel;
    }

    /// <summary>The mode string, or null for a forced tool.</summary>
    public string? Mode { get; }

    /// <summary>For a forced tool: <c>function</c> or <c>mcp</c>.</summary>
    public string? Type { get; }

    /// <summary>For a forced tool: its name.</summary>
    public string? Name { get; }

    /// <summary>For a forced MCP tool: the server label.</summary>
    public string? ServerLabel { get; }

    /// <summary>Forces a call to the named function.</summary>
    /// <param name="name">Function name.</param>
    public static ToolChoice Function(string name) => new("function", name, null);

    /// <summary>Forces a tool of the given type (e.g. <c>mcp</c>).</summary>
    /// <param name="type">Tool type.</param>
    /// <param name="name">Tool name.</param>
    /// <param name="serverLabel">MCP server label, if any.</param>
    public static ToolChoice Forced(string type, string name, string? serverLabel = null) => new(type, name, serverLabel);

    /// <inheritdoc />
    public bool Equals(ToolChoice? other) =>
        other is not null && Mode == other.Mode && Type == other.Type && Name == other.Name && ServerLabel == other.ServerLabel;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ToolChoice);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mode, Type, Name, ServerLabel);

    /// <inheritdoc />
    public override string ToString() => Mode ?? $"{Type}:{Name}";
}

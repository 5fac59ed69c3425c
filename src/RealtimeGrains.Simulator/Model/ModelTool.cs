using System.Text.Json;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>A function tool as the scripted model sees it: name, description and the JSON Schema of its arguments.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Description">What the function does (may be empty).</param>
/// <param name="Parameters">The JSON Schema of the arguments, if any.</param>
internal sealed record ModelTool(string Name, string Description, JsonElement? Parameters)
{
    /// <summary>The function tools of a session or response (other kinds, e.g. GA <c>mcp</c>, are not called by the simulator).</summary>
    public static IReadOnlyList<ModelTool> From(IEnumerable<RealtimeTool>? tools) =>
        (tools ?? [])
            .Where(t => t.Type is null or "function" && !string.IsNullOrEmpty(t.Name))
            .Select(t => new ModelTool(t.Name!, t.Description ?? string.Empty, t.Parameters))
            .ToList();
}

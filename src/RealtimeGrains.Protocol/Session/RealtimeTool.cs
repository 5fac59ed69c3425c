using System.Text.Json;

namespace RealtimeGrains.Protocol;

/// <summary>
/// A tool the model may call: flat <c>{type:"function", name, description, parameters}</c> (not wrapped in a
/// <c>function</c> object). Other tool kinds (GA <c>mcp</c>) keep their extra fields in <see cref="ProtocolObject.ExtensionData"/>.
/// </summary>
public sealed class RealtimeTool : ProtocolObject
{
    /// <summary><c>function</c> (or GA <c>mcp</c>).</summary>
    public string? Type { get; set; }

    /// <summary>The function name.</summary>
    public string? Name { get; set; }

    /// <summary>What the function does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>JSON Schema of the arguments.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Creates a function tool.</summary>
    /// <param name="name">Function name.</param>
    /// <param name="description">Description for the model.</param>
    /// <param name="parametersSchema">JSON Schema of the arguments.</param>
    public static RealtimeTool Function(string name, string? description, JsonElement? parametersSchema) =>
        new() { Type = "function", Name = name, Description = description, Parameters = parametersSchema };
}

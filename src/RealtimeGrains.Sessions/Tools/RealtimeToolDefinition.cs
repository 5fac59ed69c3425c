using System.Text.Json;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tools;

/// <summary>A registered tool: what the model is told (name, description, JSON schema) and how the grain is called.</summary>
/// <param name="Name">The function name the model calls.</param>
/// <param name="Description">What the tool does, for the model.</param>
/// <param name="ParametersSchema">The JSON schema of the arguments.</param>
/// <param name="Options">Key strategy, timeout, filler.</param>
/// <param name="Invoke">Calls the tool grain with the given key.</param>
public sealed record RealtimeToolDefinition(
    string Name,
    string Description,
    JsonElement ParametersSchema,
    RealtimeToolOptions Options,
    Func<IGrainFactory, string, ToolCall, CancellationToken, Task<ToolResult>> Invoke);

namespace RealtimeGrains.Tools;

/// <summary>One function call of the model, as handed to <see cref="IToolGrain.InvokeAsync"/>.</summary>
/// <param name="SessionId">The realtime session that made the call.</param>
/// <param name="CallId">The protocol's <c>call_id</c>.</param>
/// <param name="Name">The tool name the model called.</param>
/// <param name="Arguments">The model's arguments, as JSON text (may be malformed: the model wrote it).</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Tools.ToolCall")]
[Immutable]
public sealed record ToolCall(string SessionId, string CallId, string Name, string Arguments);

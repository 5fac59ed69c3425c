namespace RealtimeGrains.Sessions.Tools;

/// <summary>The answer to one function call, sent upstream as its <c>function_call_output</c>.</summary>
/// <param name="CallId">The call id.</param>
/// <param name="Output">The output text (the tool's, or a structured <c>{"error":{…}}</c> document).</param>
/// <param name="Outcome">How the call ended.</param>
internal sealed record ToolCallOutput(string CallId, string Output, ToolOutcome Outcome);

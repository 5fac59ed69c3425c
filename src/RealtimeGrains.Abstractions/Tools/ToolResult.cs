namespace RealtimeGrains.Tools;

/// <summary>What a tool returns. The session grain sends <see cref="Output"/> as the call's <c>function_call_output</c>.</summary>
/// <param name="Output">The output text; a JSON document is best, the model reads it as is.</param>
/// <param name="IsError">Whether the tool failed; the session wraps the output as <c>{"error":…}</c> so the model can say so.</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Tools.ToolResult")]
[Immutable]
public sealed record ToolResult(string Output, bool IsError = false)
{
    /// <summary>A successful result.</summary>
    /// <param name="output">The output text (JSON is best).</param>
    /// <returns>The result.</returns>
    public static ToolResult Success(string output) => new(output);

    /// <summary>A failure the model should be told about.</summary>
    /// <param name="message">What went wrong, in words the model can repeat.</param>
    /// <returns>The result.</returns>
    public static ToolResult Failure(string message) => new(message, IsError: true);
}

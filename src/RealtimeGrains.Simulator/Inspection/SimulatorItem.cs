namespace RealtimeGrains.Simulator;

/// <summary>A snapshot of one conversation item as the simulator holds it.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Type"><c>message</c>, <c>function_call</c> or <c>function_call_output</c>.</param>
/// <param name="Role">Message role, or null.</param>
/// <param name="Status">Item status.</param>
/// <param name="Text">Text of the item: joined text parts and transcripts (after truncation).</param>
/// <param name="CallId">Function call id, or null.</param>
/// <param name="Name">Function name, or null.</param>
/// <param name="Arguments">Function arguments JSON, or null.</param>
/// <param name="Output">Function output, or null.</param>
/// <param name="AudioMs">Milliseconds of audio the item holds.</param>
public sealed record SimulatorItem(
    string Id,
    string Type,
    string? Role,
    string Status,
    string Text,
    string? CallId,
    string? Name,
    string? Arguments,
    string? Output,
    int AudioMs);

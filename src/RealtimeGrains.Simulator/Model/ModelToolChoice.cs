using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>An effective <c>tool_choice</c>: a mode, or the function that must be called.</summary>
/// <param name="Kind">The mode.</param>
/// <param name="FunctionName">For <see cref="ToolChoiceKind.Function"/>: the function's name.</param>
internal sealed record ModelToolChoice(ToolChoiceKind Kind, string? FunctionName = null)
{
    public static readonly ModelToolChoice Auto = new(ToolChoiceKind.Auto);

    public static readonly ModelToolChoice None = new(ToolChoiceKind.None);

    public static readonly ModelToolChoice Required = new(ToolChoiceKind.Required);

    /// <summary>
    /// Reads the protocol value: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, a bare function name (beta string form),
    /// <c>{type:"function", name}</c> (GA) or <c>{type:"function", function:{name}}</c> (Azure beta reference form).
    /// A forced tool of another type (GA <c>mcp</c>) forces no function call, so it reads as <see cref="None"/>.
    /// </summary>
    public static ModelToolChoice From(ToolChoice? choice) => choice switch
    {
        null => Auto,
        { Mode: "auto" } => Auto,
        { Mode: "none" } => None,
        { Mode: "required" } => Required,
        { Mode: { Length: > 0 } name } => new(ToolChoiceKind.Function, name),
        { Type: "function", Name: { Length: > 0 } name } => new(ToolChoiceKind.Function, name),
        { Mode: null } => None,
        _ => Auto,
    };
}

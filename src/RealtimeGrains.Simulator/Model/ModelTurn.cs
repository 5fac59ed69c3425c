namespace RealtimeGrains.Simulator;

/// <summary>What the scripted model decided for one response: a reply text, or function calls.</summary>
/// <param name="Text">Reply text (empty when only function calls are made).</param>
/// <param name="Calls">Function calls as (name, arguments JSON).</param>
internal sealed record ModelTurn(string Text, IReadOnlyList<(string Name, string Arguments)> Calls);

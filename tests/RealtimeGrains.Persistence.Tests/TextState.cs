namespace RealtimeGrains.Persistence.Tests;

/// <summary>A one-string state (Orleans creates a new state with its activator, which cannot create a bare string).</summary>
public sealed class TextState
{
    public string Text { get; set; } = string.Empty;

    public static TextState Of(string text) => new() { Text = text };
}

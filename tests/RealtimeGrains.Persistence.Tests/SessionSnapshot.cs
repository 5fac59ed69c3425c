namespace RealtimeGrains.Persistence.Tests;

/// <summary>A small record in the shape of a state the old runtime stored (as System.Text.Json web JSON).</summary>
public sealed record SessionSnapshot(string Title, int Turns, IReadOnlyList<string> Voices);

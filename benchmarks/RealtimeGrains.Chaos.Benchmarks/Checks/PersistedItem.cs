namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>One conversation item as the session grain persisted it.</summary>
internal sealed record PersistedItem(string Id, string? Role, string? Status, string? Words);

namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>A named call; <c>Call(target)</c> makes one call to target number <c>target</c> of the shape.</summary>
public sealed record Scenario(string Name, Func<int, Task> Call);

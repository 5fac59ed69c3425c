namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>One end-of-soak check: what was measured, against what, and whether it held.</summary>
internal sealed record SoakCheck(string Name, bool Passed, string Detail);

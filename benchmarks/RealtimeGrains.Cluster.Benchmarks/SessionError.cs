namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>Something that went wrong in a session, with when it was seen.</summary>
/// <param name="At">On <see cref="BenchmarkClock"/>.</param>
/// <param name="Kind">A short label to count by (<c>timeout</c>, <c>socket lost</c>, <c>error session_moved</c>, …).</param>
/// <param name="Detail">The message.</param>
internal sealed record SessionError(TimeSpan At, string Kind, string Detail);

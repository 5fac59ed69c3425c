namespace RealtimeGrains;

/// <summary>On a grain interface method: calls to it may interleave with any running request.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

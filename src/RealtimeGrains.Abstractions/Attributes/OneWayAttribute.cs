namespace RealtimeGrains;

/// <summary>
/// On a grain or observer interface method returning <see cref="Task"/> or <see cref="ValueTask"/>:
/// the caller does not wait for the call. The returned task completes once the call is queued, or
/// fails at once if the target cannot be reached (for example a deleted observer).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

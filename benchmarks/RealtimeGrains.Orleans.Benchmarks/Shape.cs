namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>How the calls of one round are spread: <see cref="Targets"/> grains (or channels), each with
/// <see cref="CallersPerTarget"/> callers that await one call at a time.</summary>
public sealed record Shape(int Targets, int CallersPerTarget)
{
    public int Callers => Targets * CallersPerTarget;

    public string Label => $"{Targets} x {CallersPerTarget}";
}

namespace RealtimeGrains.Persistence.Tests;

/// <summary>A small grain state.</summary>
[GenerateSerializer]
public sealed class ProfileState
{
    [Id(0)]
    public string Name { get; set; } = "unnamed";

    [Id(1)]
    public int Visits { get; set; }
}

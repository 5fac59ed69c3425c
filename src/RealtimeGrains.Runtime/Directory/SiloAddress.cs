namespace RealtimeGrains.Runtime.Directory;

/// <summary>The address of a silo: its endpoint and the generation (start time) that tells a restarted silo apart.</summary>
/// <param name="Endpoint">The silo-to-silo endpoint, for example <c>10.0.0.5:11111</c>; <c>local</c> for a single silo.</param>
/// <param name="Generation">Distinguishes successive processes at the same endpoint.</param>
public sealed record SiloAddress(string Endpoint, long Generation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Endpoint}@{Generation}";
}

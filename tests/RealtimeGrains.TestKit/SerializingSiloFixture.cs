namespace RealtimeGrains.TestKit;

/// <summary>A <see cref="SiloFixture"/> whose silo sends every call through JSON and the loopback transport.</summary>
public sealed class SerializingSiloFixture : SiloFixture
{
    /// <inheritdoc />
    protected override bool SerializeAllCalls => true;
}

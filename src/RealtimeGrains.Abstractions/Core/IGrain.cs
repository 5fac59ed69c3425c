namespace RealtimeGrains;

/// <summary>Marker for grain interfaces. Derive from <see cref="IGrainWithStringKey"/> or <see cref="IGrainWithGuidKey"/>.</summary>
#pragma warning disable CA1040 // Marker interfaces are the programming model.
public interface IGrain : IAddressable;
#pragma warning restore CA1040

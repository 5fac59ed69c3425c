namespace RealtimeGrains;

/// <summary>Marker for anything that can be called through a grain reference: grains and observers.</summary>
#pragma warning disable CA1040 // Marker interfaces are the programming model.
public interface IAddressable;
#pragma warning restore CA1040

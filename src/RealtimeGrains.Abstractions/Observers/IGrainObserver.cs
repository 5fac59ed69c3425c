namespace RealtimeGrains;

/// <summary>
/// Marker for observer interfaces: objects outside grains (for example a gateway connection) that
/// grains push to through a reference made by <see cref="IGrainFactory.CreateObjectReference{TObserver}"/>.
/// </summary>
#pragma warning disable CA1040 // Marker interfaces are the programming model.
public interface IGrainObserver : IAddressable;
#pragma warning restore CA1040

namespace RealtimeGrains;

/// <summary>A grain interface whose grains are identified by a Guid key.</summary>
#pragma warning disable CA1040 // Marker interfaces are the programming model.
public interface IGrainWithGuidKey : IGrain;
#pragma warning restore CA1040

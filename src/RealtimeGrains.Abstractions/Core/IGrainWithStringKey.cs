namespace RealtimeGrains;

/// <summary>A grain interface whose grains are identified by a string key.</summary>
#pragma warning disable CA1040 // Marker interfaces are the programming model.
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040

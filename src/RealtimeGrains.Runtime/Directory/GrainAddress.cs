namespace RealtimeGrains.Runtime.Directory;

/// <summary>Where one activation of a grain lives.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="Silo">The silo hosting the activation.</param>
/// <param name="ActivationId">Tells successive activations of the grain on that silo apart.</param>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo, long ActivationId);

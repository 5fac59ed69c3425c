namespace RealtimeGrains.Invocation;

/// <summary>
/// Base class of generated grain and observer proxies: a grain id plus the runtime that carries calls.
/// Cheap to create; equal when the grain ids are equal.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates the reference.</summary>
    /// <param name="grainId">The grain (or observer) id.</param>
    /// <param name="runtime">The runtime that carries calls.</param>
    protected GrainReference(GrainId grainId, IGrainCallRuntime runtime)
    {
        GrainId = grainId;
        Runtime = runtime;
    }

    /// <summary>The id of the grain or observer this reference calls.</summary>
    public GrainId GrainId { get; }

    /// <summary>The interface this reference implements.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>The runtime that carries calls.</summary>
    protected IGrainCallRuntime Runtime { get; }

    // The local activation last used for this reference (runtime-owned cache; null when unknown).
    internal object? CachedTarget;

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}

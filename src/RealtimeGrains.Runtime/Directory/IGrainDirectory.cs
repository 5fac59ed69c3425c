namespace RealtimeGrains.Runtime.Directory;

/// <summary>
/// Maps grain ids to their single activation. <see cref="RegisterAsync"/> is first-writer-wins: it
/// returns the address already registered when there is one, so two silos racing to activate the same
/// grain agree on one. The cluster implementation (PostgreSQL) backs each entry with a lease and an
/// epoch; this interface is what the runtime calls on activation and deactivation.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers <paramref name="address"/> unless the grain is already registered.</summary>
    /// <param name="address">The new activation.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The registered address: <paramref name="address"/> on success, the existing one otherwise.</returns>
    ValueTask<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry if it is still <paramref name="address"/>.</summary>
    /// <param name="address">The activation that ends.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>A task that completes when the entry is gone.</returns>
    ValueTask UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>Finds the activation of a grain.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>Its address, or null when it has none.</returns>
    ValueTask<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default);
}

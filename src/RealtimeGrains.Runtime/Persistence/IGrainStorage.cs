namespace RealtimeGrains.Runtime.Persistence;

/// <summary>
/// A grain state store (the provider interface; the PostgreSQL provider implements it too). State is
/// opaque bytes (JSON written by the runtime) versioned by an ETag: a write or clear whose expected
/// ETag is not the stored one throws <see cref="InconsistentStateException"/> and changes nothing.
/// Implementations are registered as keyed singletons under their storage name.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads a record.</summary>
    /// <param name="stateName">The state name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or null when none is stored.</returns>
    Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Writes a record if the stored ETag is <paramref name="expectedEtag"/> (null: nothing may be stored).</summary>
    /// <param name="stateName">The state name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="data">The serialized state.</param>
    /// <param name="expectedEtag">The ETag the caller last saw, or null if it saw no record.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new ETag.</returns>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record if the stored ETag is <paramref name="expectedEtag"/> (null: nothing may be stored).</summary>
    /// <param name="stateName">The state name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="expectedEtag">The ETag the caller last saw, or null if it saw no record.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when the record is gone.</returns>
    /// <exception cref="InconsistentStateException">The stored ETag differs.</exception>
    Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default);
}

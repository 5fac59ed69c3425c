namespace RealtimeGrains;

/// <summary>
/// Persistent state of a grain, injected with <see cref="PersistentStateAttribute"/>. Writes are
/// optimistic: a write whose <see cref="Etag"/> is stale throws <see cref="InconsistentStateException"/>
/// and changes nothing.
/// </summary>
/// <typeparam name="TState">The state type (serialized with System.Text.Json).</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The state; a new <typeparamref name="TState"/> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The version tag of the stored record this state was read from or written to; null when none.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored.</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored state, replacing <see cref="State"/>.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the state is read.</returns>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> if the stored record still has <see cref="Etag"/>.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the state is durable.</returns>
    /// <exception cref="InconsistentStateException">The stored record changed since it was read.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record if it still has <see cref="Etag"/> and resets <see cref="State"/>.</summary>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when the record is gone.</returns>
    /// <exception cref="InconsistentStateException">The stored record changed since it was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

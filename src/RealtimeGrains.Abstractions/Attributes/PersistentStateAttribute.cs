namespace RealtimeGrains;

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime injects
/// the state named <paramref name="stateName"/> kept by the storage provider <paramref name="storageName"/>.
/// The state is read before <see cref="Grain.OnActivateAsync"/> runs.
/// </summary>
/// <param name="stateName">The state name (unique per grain).</param>
/// <param name="storageName">The registered storage provider name.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = "Default") : Attribute
{
    /// <summary>The state name.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider name.</summary>
    public string StorageName { get; } = storageName;
}

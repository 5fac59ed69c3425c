namespace RealtimeGrains;

/// <summary>
/// On a grain class: the silo may run several activations of the same grain id, up to
/// <see cref="MaxLocalWorkers"/>, and spreads calls over them. For stateless work such as tools.
/// </summary>
/// <param name="maxLocalWorkers">The maximum number of activations per grain id on one silo (0: processor count).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The maximum number of activations per grain id on one silo.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers > 0 ? maxLocalWorkers : Environment.ProcessorCount;
}

namespace RealtimeGrains.Runtime.Diagnostics;

/// <summary>A read-only look at the activations of this silo (tests, benchmarks, health checks).</summary>
public interface IGrainRuntimeDiagnostics
{
    /// <summary>The number of grain activations (observers excluded), stateless workers counted one by one.</summary>
    int ActivationCount { get; }

    /// <summary>Whether the grain has an activation that is activating or serving requests.</summary>
    /// <param name="grainId">The grain.</param>
    /// <returns>True when active.</returns>
    bool IsActive(GrainId grainId);
}

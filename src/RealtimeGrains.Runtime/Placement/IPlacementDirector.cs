using RealtimeGrains.Runtime.Directory;

namespace RealtimeGrains.Runtime.Placement;

/// <summary>Chooses the silo on which a grain without an activation is activated.</summary>
public interface IPlacementDirector
{
    /// <summary>Chooses a silo for <paramref name="grainId"/>.</summary>
    /// <param name="grainId">The grain to place.</param>
    /// <param name="localSilo">The silo asking.</param>
    /// <returns>The silo that should activate it.</returns>
    SiloAddress PlaceGrain(GrainId grainId, SiloAddress localSilo);
}

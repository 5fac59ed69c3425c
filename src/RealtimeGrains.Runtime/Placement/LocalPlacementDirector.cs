using RealtimeGrains.Runtime.Directory;

namespace RealtimeGrains.Runtime.Placement;

/// <summary>Places every grain on the silo that first calls it (the only choice on a single silo).</summary>
internal sealed class LocalPlacementDirector : IPlacementDirector
{
    public SiloAddress PlaceGrain(GrainId grainId, SiloAddress localSilo) => localSilo;
}

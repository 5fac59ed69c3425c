using System.Collections.Concurrent;
using RealtimeGrains.Invocation;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>Maps grain interfaces to grain classes: explicit registrations first, then generated ones.</summary>
internal sealed class GrainClassMap(IEnumerable<GrainClassRegistration> registrations)
{
    private readonly Dictionary<Type, Type> _explicit = registrations.ToDictionary(r => r.InterfaceType, r => r.GrainClass);
    private readonly ConcurrentDictionary<Type, GrainClassInfo> _infos = new();

    public GrainClassInfo Get(Type interfaceType) => _infos.GetOrAdd(interfaceType, Resolve, this);

    private static GrainClassInfo Resolve(Type interfaceType, GrainClassMap map)
    {
        if (map._explicit.TryGetValue(interfaceType, out var grainClass) || GrainTypeRegistry.TryGetGrainClass(interfaceType, out grainClass))
        {
            return new GrainClassInfo(interfaceType, grainClass);
        }

        throw new InvalidOperationException(
            $"No grain class implements {interfaceType}. Reference the RealtimeGrains.Runtime.Generators analyzer from the grain project, or register it with AddGrain<{interfaceType.Name}, TGrain>().");
    }
}

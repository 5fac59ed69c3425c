using System.Collections.Concurrent;

namespace RealtimeGrains.Invocation;

/// <summary>
/// Process-wide registry of grain interfaces and grain classes. Generated module initializers fill it
/// when an assembly with grains loads; the runtime reads it.
/// </summary>
public static class GrainTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> s_interfaces = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> s_byGrainType = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, Type> s_classes = new();

    /// <summary>Registers a grain or observer interface.</summary>
    /// <param name="descriptor">The interface descriptor.</param>
    public static void RegisterInterface(GrainInterfaceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        s_interfaces[descriptor.InterfaceType] = descriptor;
        s_byGrainType[descriptor.GrainType] = descriptor;
    }

    /// <summary>Registers the grain class that implements a grain interface.</summary>
    /// <param name="interfaceType">The grain interface.</param>
    /// <param name="grainClass">The grain class.</param>
    public static void RegisterGrainClass(Type interfaceType, Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        ArgumentNullException.ThrowIfNull(grainClass);
        s_classes.TryAdd(interfaceType, grainClass);
    }

    /// <summary>Finds an interface descriptor.</summary>
    /// <param name="interfaceType">The interface.</param>
    /// <param name="descriptor">The descriptor when found.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryGetInterface(Type interfaceType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GrainInterfaceDescriptor? descriptor) =>
        s_interfaces.TryGetValue(interfaceType, out descriptor);

    /// <summary>Finds an interface descriptor by grain type.</summary>
    /// <param name="grainType">The grain type of a grain id.</param>
    /// <param name="descriptor">The descriptor when found.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryGetInterface(string grainType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GrainInterfaceDescriptor? descriptor) =>
        s_byGrainType.TryGetValue(grainType, out descriptor);

    /// <summary>Finds the generated grain class for an interface.</summary>
    /// <param name="interfaceType">The grain interface.</param>
    /// <param name="grainClass">The grain class when found.</param>
    /// <returns>Whether it was found.</returns>
    public static bool TryGetGrainClass(Type interfaceType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? grainClass) =>
        s_classes.TryGetValue(interfaceType, out grainClass);
}

namespace RealtimeGrains.Invocation;

/// <summary>What the runtime needs to know about one grain or observer interface (registered by generated code).</summary>
/// <param name="InterfaceType">The interface.</param>
/// <param name="GrainType">The grain type in grain ids (the interface's full name).</param>
/// <param name="CreateReference">Creates a proxy for a grain id.</param>
/// <param name="InvokableTypes">The invocation type of each method, indexed by method id.</param>
public sealed record GrainInterfaceDescriptor(
    Type InterfaceType,
    string GrainType,
    Func<GrainId, IGrainCallRuntime, GrainReference> CreateReference,
    IReadOnlyList<Type> InvokableTypes);

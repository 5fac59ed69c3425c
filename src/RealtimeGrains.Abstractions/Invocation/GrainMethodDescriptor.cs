namespace RealtimeGrains.Invocation;

/// <summary>Static facts about one grain interface method, shared by all its invocations (generated code).</summary>
/// <param name="InterfaceType">The grain or observer interface.</param>
/// <param name="MethodId">The index of the method in the interface (stable for a given interface version).</param>
/// <param name="MethodName">The method name.</param>
/// <param name="Options">Its call options.</param>
/// <param name="ResponseTimeout">Its call timeout, or null for the silo default.</param>
public sealed record GrainMethodDescriptor(Type InterfaceType, int MethodId, string MethodName, InvokeOptions Options, TimeSpan? ResponseTimeout);

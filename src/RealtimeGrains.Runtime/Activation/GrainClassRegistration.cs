namespace RealtimeGrains.Runtime.Activation;

/// <summary>An explicit grain registration (<c>AddGrain&lt;TInterface, TGrain&gt;()</c>); wins over generated ones.</summary>
internal sealed record GrainClassRegistration(Type InterfaceType, Type GrainClass);

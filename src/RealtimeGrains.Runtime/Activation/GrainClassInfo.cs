using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Runtime.Persistence;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>
/// What the runtime knows about a grain class, worked out once at first use: its options from
/// attributes and a compiled constructor that takes the injected persistent states as arguments.
/// </summary>
internal sealed class GrainClassInfo
{
    private static readonly MethodInfo s_createStateFactory =
        typeof(GrainClassInfo).GetMethod(nameof(CreateStateFactory), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ObjectFactory _factory;

    public GrainClassInfo(Type interfaceType, Type grainClass)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract || !interfaceType.IsAssignableFrom(grainClass))
        {
            throw new InvalidOperationException($"Grain class {grainClass} must be a concrete subclass of Grain that implements {interfaceType}.");
        }

        InterfaceType = interfaceType;
        GrainClass = grainClass;
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        MaxLocalWorkers = grainClass.GetCustomAttribute<StatelessWorkerAttribute>()?.MaxLocalWorkers ?? 0;

        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass} has no public constructor.");
        var slots = new List<PersistentStateSlot>();
        var argumentTypes = new List<Type>();
        foreach (var parameter in constructor.GetParameters())
        {
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is not { } attribute)
            {
                continue;
            }

            if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' of {grainClass} must be an IPersistentState<T>.");
            }

            var stateType = parameter.ParameterType.GetGenericArguments()[0];
            var create = (Func<string, GrainId, IGrainStorage, JsonSerializerOptions, object>)s_createStateFactory
                .MakeGenericMethod(stateType).Invoke(null, null)!;
            slots.Add(new PersistentStateSlot(attribute.StateName, attribute.StorageName, create));
            argumentTypes.Add(parameter.ParameterType);
        }

        StateSlots = slots;
        _factory = ActivatorUtilities.CreateFactory(grainClass, [.. argumentTypes]);
    }

    public Type InterfaceType { get; }

    public Type GrainClass { get; }

    public bool IsReentrant { get; }

    /// <summary>0 for ordinary grains; the worker limit for <see cref="StatelessWorkerAttribute"/> grains.</summary>
    public int MaxLocalWorkers { get; }

    public IReadOnlyList<PersistentStateSlot> StateSlots { get; }

    public Grain Create(IServiceProvider services, object[] states) => (Grain)_factory(services, states);

    private static Func<string, GrainId, IGrainStorage, JsonSerializerOptions, object> CreateStateFactory<TState>() =>
        static (name, id, storage, json) => new PersistentState<TState>(name, id, storage, json);
}

using System.Text.Json;
using RealtimeGrains.Runtime.Persistence;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>One <c>[PersistentState]</c> constructor parameter of a grain class and how to create its state object.</summary>
internal sealed record PersistentStateSlot(
    string StateName,
    string StorageName,
    Func<string, GrainId, IGrainStorage, JsonSerializerOptions, object> Create);

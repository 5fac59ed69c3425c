using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Runtime.Persistence;

/// <summary>The <see cref="IPersistentState{TState}"/> injected into grains: JSON over an <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState>(string stateName, GrainId grainId, IGrainStorage storage, JsonSerializerOptions jsonOptions)
    : IPersistentState<TState>, IStateLoader
{
    private readonly JsonTypeInfo<TState> _typeInfo = (JsonTypeInfo<TState>)jsonOptions.GetTypeInfo(typeof(TState));

    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        State = record is null ? Activator.CreateInstance<TState>() : JsonSerializer.Deserialize(record.Data, _typeInfo)!;
        Etag = record?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, _typeInfo);
        Etag = await storage.WriteAsync(stateName, grainId, data, Etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(stateName, grainId, Etag, cancellationToken).ConfigureAwait(false);
        Etag = null;
        State = Activator.CreateInstance<TState>();
    }
}

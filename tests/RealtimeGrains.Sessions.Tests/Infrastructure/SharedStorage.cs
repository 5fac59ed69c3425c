using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Storage;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>
/// An ETag-checked grain storage kept by the test (so it outlives a silo and can be written behind the grains' backs):
/// records are JSON (web naming, as the product stores them), keyed by state name and grain id.
/// </summary>
public sealed class SharedStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Json, string ETag)> _records = new(StringComparer.Ordinal);

    /// <summary>Writes refused because their ETag was stale.</summary>
    public int StaleWrites { get; private set; }

    /// <summary>The stored JSON of a record, or null.</summary>
    public JsonNode? Read(string stateName, GrainId grainId)
    {
        lock (_lock)
        {
            return _records.TryGetValue(Key(stateName, grainId), out var record) ? JsonNode.Parse(record.Json) : null;
        }
    }

    /// <summary>Replaces a record as another writer would (a new ETag), e.g. a session's new owner or another silo's lease.</summary>
    public void Put(string stateName, GrainId grainId, JsonNode json)
    {
        lock (_lock)
        {
            _records[Key(stateName, grainId)] = (json.ToJsonString(), Guid.NewGuid().ToString("N"));
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            if (_records.TryGetValue(Key(stateName, grainId), out var record))
            {
                grainState.State = JsonSerializer.Deserialize<T>(record.Json, Json)!;
                grainState.ETag = record.ETag;
                grainState.RecordExists = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.Serialize(grainState.State, Json);
        lock (_lock)
        {
            var key = Key(stateName, grainId);
            if ((_records.TryGetValue(key, out var stored) ? stored.ETag : null) != grainState.ETag)
            {
                StaleWrites++;
                throw new InconsistentStateException($"stale write of {key} (test)");
            }

            var etag = Guid.NewGuid().ToString("N");
            _records[key] = (json, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            _records.Remove(Key(stateName, grainId));
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}

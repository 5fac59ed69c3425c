namespace RealtimeGrains.Runtime.Persistence;

/// <summary>Grain state in process memory (tests, or state that may be lost with the process).</summary>
internal sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), GrainStateRecord> _records = [];
    private readonly Lock _lock = new();

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue((stateName, grainId), out var record) ? record with { Data = [.. record.Data] } : null);
        }
    }

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _records.TryGetValue((stateName, grainId), out var stored);
            EtagCheck.Ensure(stateName, grainId, stored?.Etag, expectedEtag);
            var etag = EtagCheck.NewEtag();
            _records[(stateName, grainId)] = new GrainStateRecord(data.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _records.TryGetValue((stateName, grainId), out var stored);
            EtagCheck.Ensure(stateName, grainId, stored?.Etag, expectedEtag);
            _records.Remove((stateName, grainId));
            return Task.CompletedTask;
        }
    }
}

namespace RealtimeGrains.Runtime.Persistence;

/// <summary>The optimistic-concurrency rule every provider applies.</summary>
internal static class EtagCheck
{
    public static void Ensure(string stateName, GrainId grainId, string? storedEtag, string? expectedEtag)
    {
        if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of grain {grainId} changed: stored ETag is '{storedEtag ?? "(none)"}', the write expected '{expectedEtag ?? "(none)"}'.");
        }
    }

    public static string NewEtag() => Guid.NewGuid().ToString("N");
}

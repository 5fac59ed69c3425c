using Orleans.Runtime;
using Orleans.Storage;

namespace RealtimeGrains.Persistence;

/// <summary>The optimistic-concurrency rule of the file provider.</summary>
internal static class EtagCheck
{
    /// <summary>
    /// Throws <see cref="InconsistentStateException"/> when the stored ETag is not the one the caller last saw
    /// (a null or empty <paramref name="expectedEtag"/>: nothing may be stored, as Orleans' own providers read it).
    /// </summary>
    public static void Ensure(string stateName, GrainId grainId, string? storedEtag, string? expectedEtag)
    {
        var expected = string.IsNullOrEmpty(expectedEtag) ? null : expectedEtag;
        if (!string.Equals(storedEtag, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of grain {grainId} changed: stored ETag is '{storedEtag ?? "(none)"}', the operation expected '{expected ?? "(none)"}'.",
                storedEtag,
                expectedEtag);
        }
    }

    /// <summary>A fresh ETag.</summary>
    public static string NewEtag() => Guid.NewGuid().ToString("N");
}

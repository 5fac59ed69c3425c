namespace RealtimeGrains.Runtime.Persistence;

/// <summary>A stored grain state: its serialized bytes and its ETag.</summary>
/// <param name="Data">The serialized state.</param>
/// <param name="Etag">The version tag.</param>
#pragma warning disable CA1819 // A record of bytes read from storage; copying it would add nothing.
public sealed record GrainStateRecord(byte[] Data, string Etag);
#pragma warning restore CA1819

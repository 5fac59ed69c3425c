namespace RealtimeGrains.Protocol.Serialization;

/// <summary>One known event: class, direction, GA wire name and beta wire name (null = none).</summary>
internal sealed record EventRegistration(Type ClrType, EventKind Kind, string GaName, string? BetaName);

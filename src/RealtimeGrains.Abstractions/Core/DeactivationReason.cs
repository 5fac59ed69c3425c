namespace RealtimeGrains;

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="ReasonCode">The kind of reason.</param>
/// <param name="Description">A human-readable description.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description);

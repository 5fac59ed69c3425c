namespace RealtimeGrains.Gateway;

/// <summary>Why a session configuration was refused, in the protocol's error terms.</summary>
/// <param name="Code">The error code.</param>
/// <param name="Message">The message for the caller.</param>
/// <param name="Param">The offending field, relative to the session object.</param>
internal sealed record ConfigError(string Code, string Message, string? Param);

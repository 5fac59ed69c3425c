namespace RealtimeGrains.Runtime.Messaging;

/// <summary>An exception as it crosses the wire: its type and message (the stack stays on the callee's silo).</summary>
/// <param name="TypeName">The assembly-qualified type name.</param>
/// <param name="Message">The message.</param>
public sealed record ExceptionInfo(string TypeName, string Message);

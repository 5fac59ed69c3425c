namespace RealtimeGrains;

/// <summary>On a grain interface method: overrides the call timeout (the silo default is 30 seconds).</summary>
/// <param name="timeout">The timeout as a <see cref="TimeSpan"/> string, for example <c>"00:00:05"</c>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout.</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}

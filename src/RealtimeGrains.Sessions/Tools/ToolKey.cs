using System.Text.Json;

namespace RealtimeGrains.Sessions.Tools;

/// <summary>The key strategy of a tool (see <see cref="ToolKeyKind"/>).</summary>
/// <param name="Kind">The strategy.</param>
/// <param name="ArgumentName">For <see cref="ToolKeyKind.FromArgument"/>: the top-level argument whose value is the key.</param>
public sealed record ToolKey(ToolKeyKind Kind, string? ArgumentName = null)
{
    /// <summary>One tool grain per session.</summary>
    public static ToolKey PerSession { get; } = new(ToolKeyKind.PerSession);

    /// <summary>One tool grain for all sessions.</summary>
    public static ToolKey Singleton { get; } = new(ToolKeyKind.Singleton);

    /// <summary>A stateless worker tool grain.</summary>
    public static ToolKey StatelessWorker { get; } = new(ToolKeyKind.StatelessWorker);

    /// <summary>The key is the value of the argument <paramref name="argumentName"/>.</summary>
    /// <param name="argumentName">The top-level argument (as the model writes it, e.g. <c>orderId</c>).</param>
    /// <returns>The strategy.</returns>
    public static ToolKey FromArgument(string argumentName) => new(ToolKeyKind.FromArgument, argumentName);

    /// <summary>Resolves the grain key of one call; null with an error text when the argument is missing.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <param name="sessionId">The calling session.</param>
    /// <param name="arguments">The call's JSON arguments.</param>
    /// <param name="error">Why no key could be found.</param>
    /// <returns>The key, or null.</returns>
    internal string? Resolve(string toolName, string sessionId, string arguments, out string? error)
    {
        error = null;
        switch (Kind)
        {
            case ToolKeyKind.PerSession:
                return sessionId;
            case ToolKeyKind.Singleton or ToolKeyKind.StatelessWorker:
                return toolName;
        }

        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(ArgumentName!, out var value)
                && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                var key = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                if (!string.IsNullOrWhiteSpace(key))
                {
                    return key;
                }
            }

            error = $"The argument '{ArgumentName}' is required.";
            return null;
        }
        catch (JsonException)
        {
            error = "The arguments are not valid JSON.";
            return null;
        }
    }
}

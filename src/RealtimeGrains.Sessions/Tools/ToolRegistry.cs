using System.Text.RegularExpressions;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Tools;

/// <summary>The registered tools by name; builds the <c>tools</c> list of a session.</summary>
internal sealed partial class ToolRegistry
{
    private readonly Dictionary<string, RealtimeToolDefinition> _byName;

    public ToolRegistry(IEnumerable<RealtimeToolDefinition> definitions)
    {
        _byName = new Dictionary<string, RealtimeToolDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            _byName[definition.Name] = definition;
        }
    }

    public IReadOnlyCollection<RealtimeToolDefinition> All => _byName.Values;

    public RealtimeToolDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Problems with the registrations, each naming the tool (empty when all is well).</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var tool in _byName.Values)
        {
            if (!NamePattern().IsMatch(tool.Name))
            {
                yield return $"RealtimeSessions tool '{tool.Name}': the name must be 1-64 letters, digits, '_' or '-'.";
            }

            if (tool.ParametersSchema.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                yield return $"RealtimeSessions tool '{tool.Name}': the parameters schema must be a JSON object.";
            }

            if (tool.Options.Timeout <= TimeSpan.Zero)
            {
                yield return $"RealtimeSessions tool '{tool.Name}': Timeout must be positive.";
            }

            if (tool.Options.Key.Kind == ToolKeyKind.FromArgument && string.IsNullOrWhiteSpace(tool.Options.Key.ArgumentName))
            {
                yield return $"RealtimeSessions tool '{tool.Name}': Key FromArgument needs an argument name.";
            }
        }
    }

    /// <summary>The protocol tools offered to the model: those named (all when <paramref name="names"/> is null).</summary>
    public List<RealtimeTool> Describe(IReadOnlyList<string>? names) =>
        [.. _byName.Values
            .Where(t => names is null || names.Contains(t.Name, StringComparer.Ordinal))
            .Select(t => RealtimeTool.Function(t.Name, t.Description, t.ParametersSchema))];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}

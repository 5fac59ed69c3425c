using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Simulator;

/// <summary>Loads scripted-model rules from a JSON file: <c>{"rules":[{"contains":"…","reply":"…","functionCalls":[{"name":"…","arguments":"{…}"}],"afterToolReply":"…"}]}</c>.</summary>
public static class ScriptFile
{
    /// <summary>Parses rules from JSON text.</summary>
    /// <param name="json">The file content.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="InvalidDataException">The JSON is malformed or a rule is invalid.</exception>
    public static IReadOnlyList<ScriptRule> Parse(string json)
    {
        ScriptFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ScriptFileJsonContext.Default.ScriptFileDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Script file is not valid JSON: {ex.Message}", ex);
        }

        var rules = new List<ScriptRule>();
        foreach (var (entry, index) in (document?.Rules ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrEmpty(entry.Reply) && (entry.FunctionCalls is null || entry.FunctionCalls.Count == 0))
            {
                throw new InvalidDataException($"Script file rule {index} has neither a reply nor function calls.");
            }

            var rule = new ScriptRule { Contains = entry.Contains, Regex = entry.Regex, Reply = entry.Reply ?? string.Empty, AfterToolReply = entry.AfterToolReply };
            foreach (var call in entry.FunctionCalls ?? [])
            {
                rule.FunctionCalls.Add(new ScriptFunctionCall { Name = call.Name ?? string.Empty, Arguments = call.Arguments ?? "{}" });
            }

            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>Reads and parses a rules file.</summary>
    /// <param name="path">Path of the JSON file.</param>
    /// <returns>The rules, in file order.</returns>
    public static IReadOnlyList<ScriptRule> Load(string path) => Parse(File.ReadAllText(path));

    internal sealed class ScriptFileDocument
    {
        public List<ScriptRuleDocument>? Rules { get; set; }
    }

    internal sealed class ScriptRuleDocument
    {
        public string? Contains { get; set; }

        public string? Regex { get; set; }

        public string? Reply { get; set; }

        public List<ScriptCallDocument>? FunctionCalls { get; set; }

        public string? AfterToolReply { get; set; }
    }

    internal sealed class ScriptCallDocument
    {
        public string? Name { get; set; }

        public string? Arguments { get; set; }
    }
}

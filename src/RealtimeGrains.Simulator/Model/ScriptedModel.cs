using System.Text.RegularExpressions;

namespace RealtimeGrains.Simulator;

/// <summary>The deterministic "model": first matching rule wins; a default rule echoes the input.</summary>
internal sealed class ScriptedModel
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<(ScriptRule Rule, Regex? Regex)> _rules;

    public ScriptedModel(IEnumerable<ScriptRule> rules)
    {
        _rules = rules.Select(r => (r, r.Regex is null ? null : new Regex(r.Regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout))).ToList();
    }

    /// <summary>Decides the next turn.</summary>
    /// <param name="userText">The latest user text or transcript ("" if none).</param>
    /// <param name="toolOutputs">Function outputs given since the latest user message (empty if none).</param>
    /// <param name="toolNames">Function tools available to this response (empty when tool_choice is none).</param>
    public ModelTurn Decide(string userText, IReadOnlyList<string> toolOutputs, IReadOnlySet<string> toolNames)
    {
        foreach (var (rule, regex) in _rules)
        {
            Match? match = null;
            if (rule.Contains is not null && !userText.Contains(rule.Contains, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (regex is not null)
            {
                try
                {
                    match = regex.Match(userText);
                }
                catch (RegexMatchTimeoutException)
                {
                    continue;
                }

                if (!match.Success)
                {
                    continue;
                }
            }

            if (toolOutputs.Count > 0)
            {
                var after = rule.AfterToolReply ?? "Here is what I found: {output}.";
                return new ModelTurn(Fill(after.Replace("{output}", string.Join("; ", toolOutputs), StringComparison.Ordinal), userText, match), []);
            }

            var calls = rule.FunctionCalls.Where(c => toolNames.Contains(c.Name)).Select(c => (c.Name, Fill(c.Arguments, userText, match, json: true))).ToList();
            if (calls.Count > 0)
            {
                return new ModelTurn(string.Empty, calls);
            }

            if (rule.Reply.Length > 0)
            {
                return new ModelTurn(Fill(rule.Reply, userText, match), []);
            }
        }

        if (toolOutputs.Count > 0)
        {
            return new ModelTurn($"Here is what I found: {string.Join("; ", toolOutputs)}.", []);
        }

        return new ModelTurn(userText.Length == 0 ? "Hello, how can I help?" : $"You said: {userText}", []);
    }

    private static string Fill(string template, string userText, Match? match, bool json = false)
    {
        var input = json ? System.Text.Json.JsonEncodedText.Encode(userText).ToString() : userText;
        return match is null
            ? template.Replace("{input}", input, StringComparison.Ordinal)
            : match.Result(template.Replace("{input}", input.Replace("$", "$$", StringComparison.Ordinal), StringComparison.Ordinal));
    }
}

using System.Text.RegularExpressions;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The deterministic "model": first matching rule wins; else the tool heuristics (<see cref="ToolMatcher"/>,
/// <see cref="ArgumentGenerator"/>) under the effective <c>tool_choice</c>; else it echoes the input.
/// </summary>
internal sealed class ScriptedModel
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private const string DefaultAfterToolReply = "Here is what I found: {output}.";
    private readonly IReadOnlyList<(ScriptRule Rule, Regex? Regex)> _rules;
    private readonly TimeProvider _time;

    /// <param name="rules">The rules, tried in order.</param>
    /// <param name="time">Clock for "today" in generated date arguments; the system clock by default.</param>
    public ScriptedModel(IEnumerable<ScriptRule> rules, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _rules = rules.Select(r => (r, r.Regex is null ? null : new Regex(r.Regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout))).ToList();
    }

    /// <summary>Decides the next turn.</summary>
    /// <param name="userText">The latest user text or transcript ("" if none).</param>
    /// <param name="toolOutputs">Function outputs given since the latest user message (empty if none).</param>
    /// <param name="tools">Function tools available to this response (the response's <c>tools</c>, else the session's).</param>
    /// <param name="choice">The effective <c>tool_choice</c> (the response's, else the session's).</param>
    /// <remarks>
    /// Rules come first: a matching rule's <see cref="ScriptRule.FunctionCalls"/> to callable tools are emitted as they
    /// are, else its reply. Without a deciding rule, <c>required</c> and a named function call the tools that fit the
    /// text (else the first, or the named one) with generated arguments; <c>auto</c> calls the fitting tools (see
    /// <see cref="ToolMatcher"/>) unless function outputs are to be answered; <c>none</c> only replies. A forced choice
    /// never replies, even after function outputs — as the real model, which calls again.
    /// </remarks>
    public ModelTurn Decide(string userText, IReadOnlyList<string> toolOutputs, IReadOnlyList<ModelTool> tools, ModelToolChoice choice)
    {
        IReadOnlyList<ModelTool> callable = choice.Kind switch
        {
            ToolChoiceKind.None => [],
            ToolChoiceKind.Function => tools.Where(t => t.Name == choice.FunctionName).Take(1).ToList(),
            _ => tools,
        };
        var mustCall = callable.Count > 0 && choice.Kind is ToolChoiceKind.Required or ToolChoiceKind.Function;
        var callableNames = callable.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
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

            if (toolOutputs.Count > 0 && !mustCall)
            {
                var after = rule.AfterToolReply ?? DefaultAfterToolReply;
                return new ModelTurn(Fill(after.Replace("{output}", string.Join("; ", toolOutputs), StringComparison.Ordinal), userText, match), []);
            }

            var calls = rule.FunctionCalls.Where(c => callableNames.Contains(c.Name)).Select(c => (c.Name, Fill(c.Arguments, userText, match, json: true))).ToList();
            if (calls.Count > 0)
            {
                return new ModelTurn(string.Empty, calls);
            }

            if (rule.Reply.Length > 0 && !mustCall)
            {
                return new ModelTurn(Fill(rule.Reply, userText, match), []);
            }
        }

        if (mustCall)
        {
            return Call(ToolMatcher.FittingOrFirst(userText, callable), userText);
        }

        if (toolOutputs.Count > 0)
        {
            return new ModelTurn(DefaultAfterToolReply.Replace("{output}", string.Join("; ", toolOutputs), StringComparison.Ordinal), []);
        }

        if (ToolMatcher.Fitting(userText, callable) is { Count: > 0 } fitting)
        {
            return Call(fitting, userText);
        }

        return new ModelTurn(userText.Length == 0 ? "Hello, how can I help?" : $"You said: {userText}", []);
    }

    private ModelTurn Call(IReadOnlyList<ModelTool> tools, string userText)
    {
        var facts = new UserTextFacts(userText, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        return new ModelTurn(string.Empty, tools.Select(t => (t.Name, ArgumentGenerator.Generate(t.Parameters, facts))).ToList());
    }

    private static string Fill(string template, string userText, Match? match, bool json = false)
    {
        var input = json ? System.Text.Json.JsonEncodedText.Encode(userText).ToString() : userText;
        return match is null
            ? template.Replace("{input}", input, StringComparison.Ordinal)
            : match.Result(template.Replace("{input}", input.Replace("$", "$$", StringComparison.Ordinal), StringComparison.Ordinal));
    }
}

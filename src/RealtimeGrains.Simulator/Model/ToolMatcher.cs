namespace RealtimeGrains.Simulator;

/// <summary>
/// Which declared tools the user's text asks for. A tool is <em>named</em> when the text contains its name, or its name
/// with <c>_</c>/<c>-</c>/camelCase turned into spaces ("get weather"). Otherwise it is scored by keyword overlap: each
/// subject word of its name (<c>get_weather</c> → weather; generic verbs such as get, fetch, lookup do not count) that
/// the text contains scores 3, each other meaningful description word scores 1 (words are lower-cased, lightly stemmed,
/// stop words dropped). When some tool is named, exactly the named tools fit; else every tool scoring at least 2 and at
/// least half the best score fits (several fitting tools are called in parallel).
/// </summary>
internal static class ToolMatcher
{
    private const int SubjectWordScore = 3;
    private const int DescriptionWordScore = 1;
    private const int MinimumScore = 2;

    /// <summary>The tools that fit <paramref name="userText"/>, in declaration order; empty when none does.</summary>
    public static IReadOnlyList<ModelTool> Fitting(string userText, IReadOnlyList<ModelTool> tools)
    {
        if (userText.Length == 0 || tools.Count == 0)
        {
            return [];
        }

        var named = tools.Where(t => IsNamed(userText, t.Name)).ToList();
        if (named.Count > 0)
        {
            return named;
        }

        var scores = Scores(userText, tools);
        var best = scores.Max();
        return best < MinimumScore ? [] : tools.Where((_, i) => scores[i] >= MinimumScore && scores[i] * 2 >= best).ToList();
    }

    /// <summary>For <c>required</c>: the fitting tools, else the first declared tool.</summary>
    public static IReadOnlyList<ModelTool> FittingOrFirst(string userText, IReadOnlyList<ModelTool> tools)
    {
        var fitting = Fitting(userText, tools);
        return fitting.Count > 0 || tools.Count == 0 ? fitting : [tools[0]];
    }

    /// <summary>Whether the text names the tool (its name, or its name's parts separated by spaces).</summary>
    public static bool IsNamed(string userText, string toolName) =>
        ModelText.ContainsPhrase(userText, toolName)
        || (ModelText.IdentifierParts(toolName) is { Count: > 1 } parts && ModelText.ContainsPhrase(userText, string.Join(' ', parts)));

    private static int[] Scores(string userText, IReadOnlyList<ModelTool> tools)
    {
        var userStems = ModelText.ContentStems(userText);
        var scores = new int[tools.Count];
        for (var i = 0; i < tools.Count; i++)
        {
            var subject = ModelText.SubjectStems(tools[i].Name);
            var description = ModelText.ContentStems(tools[i].Description);
            description.ExceptWith(subject);
            scores[i] = (userStems.Count(subject.Contains) * SubjectWordScore) + (userStems.Count(description.Contains) * DescriptionWordScore);
        }

        return scores;
    }
}

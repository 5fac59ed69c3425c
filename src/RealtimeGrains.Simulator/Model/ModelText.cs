using System.Text.RegularExpressions;

namespace RealtimeGrains.Simulator;

/// <summary>Word helpers shared by the tool heuristics: tokens, a light stemmer, stop words, identifier parts.</summary>
internal static partial class ModelText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
        "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "either", "else", "etc", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let",
        "me", "might", "more", "most", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
        "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your", "yours", "yes", "okay", "ok", "please", "thanks", "thank", "hello", "hi",
        "hey", "want", "wanted", "like", "need", "tell", "know", "help", "give", "show", "say", "said", "use", "using",
        "call", "tool", "function", "run", "invoke", "something", "anything", "thing", "things", "way", "via", "whether",
        "example", "given", "e.g", "eg", "ie", "one", "s", "t", "don", "doesn", "isn", "what's", "it's", "i'm",
        "get", "got", "return", "provide", "fetch", "retrieve", "specified", "specific", "information", "info", "data",
        "detail", "value", "current", "look", "find", "make", "take", "see", "go", "come", "able", "sure", "right", "well",
    };

    // Verbs that name no subject of their own in a function name (get_weather is about weather).
    private static readonly HashSet<string> GenericNameParts = new(StringComparer.Ordinal)
    {
        "get", "set", "fetch", "do", "make", "run", "call", "invoke", "execute", "perform", "handle", "manage", "process",
        "tool", "function", "func", "api", "query", "request", "retrieve", "obtain", "lookup", "find", "search", "check",
        "read", "load", "update", "create", "add", "list", "show", "send", "post", "put", "compute", "calculate",
    };

    /// <summary>The words of <paramref name="text"/> (letters, digits, inner apostrophes/hyphens/underscores) with their positions.</summary>
    public static IReadOnlyList<Match> Words(string text) => WordRegex().Matches(text);

    /// <summary>A light English stemmer, applied the same way to user text and tool descriptions.</summary>
    public static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.EndsWith("'s", StringComparison.Ordinal))
        {
            w = w[..^2];
        }

        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }

        if (w.Length > 4 && (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("sses", StringComparison.Ordinal)))
        {
            return w[..^2];
        }

        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            return w[..^3];
        }

        if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        return w;
    }

    /// <summary>Whether a (lower-case) word carries no meaning of its own for matching.</summary>
    public static bool IsStopWord(string lowerWord) => lowerWord.Length < 2 || StopWords.Contains(lowerWord);

    /// <summary>The stems of the meaningful words of <paramref name="text"/>.</summary>
    public static HashSet<string> ContentStems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            var lower = word.Value.ToLowerInvariant();
            var stem = Stem(lower);
            if (lower.Length >= 3 && !IsStopWord(lower) && !IsStopWord(stem) && !lower.Any(char.IsDigit))
            {
                stems.Add(stem);
            }
        }

        return stems;
    }

    /// <summary>The lower-case parts of an identifier: <c>get_weather</c>, <c>getWeather</c>, <c>get-weather</c> → get, weather.</summary>
    public static IReadOnlyList<string> IdentifierParts(string identifier) =>
        IdentifierPartRegex().Matches(identifier).Select(m => m.Value.ToLowerInvariant()).ToList();

    /// <summary>The stems of an identifier's parts that name a subject (not generic verbs like get or fetch).</summary>
    public static HashSet<string> SubjectStems(string identifier) =>
        IdentifierParts(identifier)
            .Where(p => p.Length >= 3 && !IsStopWord(p) && !GenericNameParts.Contains(p) && !p.Any(char.IsDigit))
            .Select(Stem)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="text"/> contains <paramref name="phrase"/> as whole words, ignoring case.</summary>
    public static bool ContainsPhrase(string text, string phrase) =>
        phrase.Length > 0
        && Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(phrase)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Where <paramref name="phrase"/> first occurs in <paramref name="text"/> as whole words, or -1.</summary>
    public static int IndexOfPhrase(string text, string phrase)
    {
        if (phrase.Length == 0)
        {
            return -1;
        }

        var match = Regex.Match(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(phrase)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        return match.Success ? match.Index : -1;
    }

    [GeneratedRegex(@"[\p{L}\p{N}](?:[\p{L}\p{N}_]|['’\-.](?=[\p{L}\p{N}]))*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+|\p{Lo}+", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPartRegex();
}

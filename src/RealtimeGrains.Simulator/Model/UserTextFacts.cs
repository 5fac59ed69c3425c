using System.Globalization;
using System.Text.RegularExpressions;

namespace RealtimeGrains.Simulator;

/// <summary>
/// What the tool heuristics read out of the user's latest text: place-like phrases, numbers, dates, quoted strings,
/// e-mail addresses, URLs, identifiers with digits, person names. Found once per response, consumed by
/// the argument generator.
/// </summary>
internal sealed partial class UserTextFacts
{
    private static readonly HashSet<string> TimeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "today", "tomorrow", "tonight", "yesterday", "morning", "afternoon", "evening", "night", "noon", "midnight", "week",
        "weekend", "month", "year", "now", "later", "moment", "while", "minute", "hour", "second",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    };

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["hundred"] = 100, ["dozen"] = 12,
    };

    public UserTextFacts(string text, DateOnly today)
    {
        Text = text;
        Today = today;
        Words = ModelText.Words(text);
        Places = FindPlaces(text);
        Numbers = FindNumbers(text);
        Dates = FindDates(text, today);
        Times = TimeRegex().Matches(text).Select(m => $"{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture):00}:{m.Groups[2].Value}").ToList();
        Quoted = QuotedRegex().Matches(text).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value.Trim()).Where(q => q.Length > 0).ToList();
        Emails = EmailRegex().Matches(text).Select(m => m.Value).ToList();
        Urls = UrlRegex().Matches(text).Select(m => m.Value.TrimEnd('.', ',', '!', '?', ')')).ToList();
        Identifiers = Words.Where(w => w.Value.Any(char.IsDigit) && !IsoDateRegex().IsMatch(w.Value)).Select(w => (w.Value, w.Index)).ToList();
        PersonNames = PersonRegex().Matches(text).Select(m => m.Groups[1].Value).ToList();
        About = AboutRegex().Match(text) is { Success: true } about ? about.Groups[1].Value.Trim() : null;
    }

    public string Text { get; }

    public DateOnly Today { get; }

    public IReadOnlyList<Match> Words { get; }

    /// <summary>Place-like phrases in text order, with the preposition before them (lower case; empty when none).</summary>
    public IReadOnlyList<(string Value, string Preposition, int Index)> Places { get; }

    /// <summary>Numbers (digits or number words) in text order, with their character index.</summary>
    public IReadOnlyList<(double Value, int Index)> Numbers { get; }

    /// <summary>Dates as <c>yyyy-MM-dd</c>: ISO dates in the text, and today / tomorrow / yesterday resolved.</summary>
    public IReadOnlyList<string> Dates { get; }

    /// <summary>Times of day as <c>HH:mm</c>.</summary>
    public IReadOnlyList<string> Times { get; }

    public IReadOnlyList<string> Quoted { get; }

    public IReadOnlyList<string> Emails { get; }

    public IReadOnlyList<string> Urls { get; }

    /// <summary>Tokens holding a digit (order numbers such as <c>A-1001</c>, zip codes, ids) in text order, with their character index.</summary>
    public IReadOnlyList<(string Value, int Index)> Identifiers { get; }

    public IReadOnlyList<string> PersonNames { get; }

    /// <summary>The words after "about", up to the end of the sentence.</summary>
    public string? About { get; }

    private static List<(string, string, int)> FindPlaces(string text)
    {
        var places = new List<(string, string, int)>();
        foreach (Match m in PlaceAfterPrepositionRegex().Matches(text))
        {
            var phrase = TrimPhrase(m.Groups["place"].Value);
            if (phrase.Length > 0)
            {
                places.Add((phrase, m.Groups["prep"].Value.ToLowerInvariant(), m.Groups["place"].Index));
            }
        }

        if (places.Count == 0 && !text.Any(char.IsUpper))
        {
            // A transcript (tone code is lower case): the first meaningful word after a preposition, title-cased.
            foreach (Match m in LowerPlaceRegex().Matches(text))
            {
                var word = m.Groups["place"].Value;
                if (!ModelText.IsStopWord(word) && !TimeWords.Contains(word) && !NumberWords.ContainsKey(word) && !word.Any(char.IsDigit))
                {
                    places.Add((CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word), m.Groups["prep"].Value, m.Groups["place"].Index));
                }
            }
        }

        if (places.Count == 0)
        {
            // Any capitalised phrase that does not start a sentence.
            foreach (Match m in CapitalisedRegex().Matches(text))
            {
                var start = text[..m.Index].TrimEnd();
                var phrase = TrimPhrase(m.Value);
                if (start.Length > 0 && start[^1] is not ('.' or '!' or '?' or ':') && phrase.Length > 0)
                {
                    places.Add((phrase, string.Empty, m.Index));
                }
            }
        }

        return places;
    }

    /// <summary>Drops leading/trailing words that are not names (I, day and month names, stop words).</summary>
    private static string TrimPhrase(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('.', '\'', '’')).ToList();
        while (words.Count > 0 && (TimeWords.Contains(words[^1]) || ModelText.IsStopWord(words[^1].ToLowerInvariant())))
        {
            words.RemoveAt(words.Count - 1);
        }

        while (words.Count > 0 && (TimeWords.Contains(words[0]) || ModelText.IsStopWord(words[0].ToLowerInvariant())))
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    private static List<(double, int)> FindNumbers(string text)
    {
        var numbers = new List<(double, int)>();
        foreach (Match m in NumberRegex().Matches(text))
        {
            if (double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add((value, m.Index));
            }
        }

        foreach (var word in ModelText.Words(text))
        {
            if (NumberWords.TryGetValue(word.Value, out var value))
            {
                numbers.Add((value, word.Index));
            }
        }

        numbers.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return numbers;
    }

    private static List<string> FindDates(string text, DateOnly today)
    {
        var dates = new List<(string, int)>();
        foreach (Match m in IsoDateRegex().Matches(text))
        {
            if (DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                dates.Add((m.Value, m.Index));
            }
        }

        foreach (var word in ModelText.Words(text))
        {
            var offset = word.Value.ToLowerInvariant() switch
            {
                "today" or "tonight" => 0,
                "tomorrow" => 1,
                "yesterday" => -1,
                _ => (int?)null,
            };
            if (offset is { } days)
            {
                dates.Add((today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), word.Index));
            }
        }

        return dates.OrderBy(d => d.Item2).Select(d => d.Item1).ToList();
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<prep>(?i:in|for|at|to|from|near|into|around|of))\s+(?:(?i:the)\s+)?(?<place>\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*)*)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PlaceAfterPrepositionRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<prep>in|for|at|to|from|near)\s+(?:the\s+)?(?<place>\p{Ll}[\p{Ll}'\-]+)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LowerPlaceRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])\p{Lu}[\p{Ll}'’\-]+(?:\s+\p{Lu}[\p{Ll}'’\-]+)*", RegexOptions.CultureInvariant, 200)]
    private static partial Regex CapitalisedRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.:/\-])-?\d+(?:\.\d+)?(?![\p{L}\p{N}_:/\-]|\.\d)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b([01]?\d|2[0-3]):([0-5]\d)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex TimeRegex();

    [GeneratedRegex("\"([^\"]+)\"|“([^”]+)”|(?<![\\p{L}\\p{N}])'([^']+)'(?![\\p{L}\\p{N}])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"(?i:\b(?:named|called|name is|i'm|i am|this is)\s+)(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PersonRegex();

    [GeneratedRegex(@"(?i:\babout\s+)([^.?!]+)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AboutRegex();
}

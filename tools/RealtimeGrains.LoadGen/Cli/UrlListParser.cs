namespace RealtimeGrains.LoadGen;

/// <summary>
/// The addresses of <c>run --url</c>: the option may be repeated and each value may hold several comma-separated
/// addresses (<c>--url A --url B,C</c> = A, B, C in that order). Every address is an absolute http(s) URI, given once.
/// </summary>
internal static class UrlListParser
{
    /// <summary>Parses <paramref name="values"/> (the option's tokens) into <paramref name="urls"/>, or names the first bad value in <paramref name="error"/>.</summary>
    public static bool TryParse(IEnumerable<string> values, out Uri[] urls, out string? error)
    {
        var parsed = new List<Uri>();
        foreach (var text in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return Fail($"--url: '{text}' is not an absolute http(s) address.", out urls, out error);
            }

            // Each address gets its own row in the per-URL breakdown; a repeat would only skew the round-robin.
            if (parsed.Contains(uri))
            {
                return Fail($"--url: '{text}' is given more than once.", out urls, out error);
            }

            parsed.Add(uri);
        }

        if (parsed.Count == 0)
        {
            return Fail("--url: give at least one address.", out urls, out error);
        }

        urls = [.. parsed];
        error = null;
        return true;
    }

    private static bool Fail(string message, out Uri[] urls, out string? error)
    {
        urls = [];
        error = message;
        return false;
    }
}

namespace RealtimeGrains.Fuzz.Corpus;

/// <summary>One HTTP request to a token endpoint.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="Headers">Headers (name, value); the placeholder <c>$credential</c> in a value becomes the server credential.</param>
/// <param name="ContentType">Content-Type, or null for none.</param>
/// <param name="Body">The body, base64.</param>
internal sealed record TokenRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, string Body)
{
    public const string CredentialPlaceholder = "$credential";

    /// <summary>
    /// True when the request presents exactly the server credential the way the gateway reads it: the <c>api-key</c>
    /// header (values joined with commas, surrounding blanks trimmed by Kestrel) when it is not empty, else
    /// <c>Authorization: Bearer</c> (case-insensitive scheme, trimmed).
    /// </summary>
    public bool HasRightCredential(string credential)
    {
        var apiKey = string.Join(",", Values("api-key", credential));
        if (apiKey.Length > 0)
        {
            return apiKey == credential;
        }

        var authorization = string.Join(",", Values("Authorization", credential));
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 && authorization[7..].Trim() == credential;
    }

    private IEnumerable<string> Values(string name, string credential) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Resolve(h.Value, credential).Trim());

    public static string Resolve(string value, string credential) => value.Replace(CredentialPlaceholder, credential, StringComparison.Ordinal);
}

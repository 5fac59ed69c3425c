namespace RealtimeGrains;

/// <summary>
/// The identity of a grain: its grain type (the full name of its grain interface) and its key.
/// Stable across activations and silos; <c>type/key</c> is its text form.
/// </summary>
/// <param name="Type">The grain type.</param>
/// <param name="Key">The grain key (a string key, or a Guid in "D" format).</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Parses the <c>type/key</c> text form produced by <see cref="ToString"/>.</summary>
    /// <param name="text">The text form.</param>
    /// <returns>The grain id.</returns>
    /// <exception cref="FormatException">The text has no <c>/</c> separating type and key.</exception>
    public static GrainId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a grain id (expected 'type/key').");
        }

        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RealtimeGrains.Simulator;

/// <summary>
/// Makes function-call arguments that are valid against the tool's JSON Schema (<c>parameters</c>): every required
/// property, with its type (string, number, integer, boolean, enum, const, array, object, nullable unions, local
/// <c>$ref</c>s, <c>anyOf</c>/<c>oneOf</c>), honouring <c>minimum</c>/<c>maximum</c>, <c>minLength</c>/<c>maxLength</c>,
/// <c>minItems</c>/<c>maxItems</c> and <c>format</c>. Values come from the user's text where the property's name or
/// description fits (see <see cref="UserTextFacts"/>); otherwise the schema's <c>default</c>, an example from the
/// description ("for example Paris"), or a placeholder of the right type. Optional properties are included only
/// when the text supplies a value for them.
/// </summary>
internal sealed partial class ArgumentGenerator
{
    private const int MaxDepth = 8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> LocationWords = new(StringComparer.Ordinal)
    {
        "city", "location", "place", "destination", "town", "country", "region", "address", "origin", "area", "venue",
        "airport", "where", "village", "locality", "from", "to", "departure", "arrival", "source", "target",
    };

    private static readonly HashSet<string> IdentifierWords = new(StringComparer.Ordinal)
    {
        "id", "number", "code", "sku", "zip", "zipcode", "postcode", "postal", "phone", "reference", "ref", "ticket",
        "account", "pin", "no", "num", "serial", "invoice", "tracking", "confirmation",
    };

    private static readonly HashSet<string> PersonWords = new(StringComparer.Ordinal)
    {
        "person", "customer", "guest", "recipient", "passenger", "contact", "patient", "caller", "owner", "attendee",
        "first", "last", "full", "given", "family", "surname", "username", "who",
    };

    private static readonly HashSet<string> FreeTextWords = new(StringComparer.Ordinal)
    {
        "query", "text", "message", "question", "prompt", "input", "content", "topic", "search", "subject", "request",
        "body", "note", "notes", "comment", "keywords", "keyword", "term", "terms", "utterance", "q", "instructions",
        "reason", "summary", "description", "phrase", "sentence",
    };

    private readonly UserTextFacts _facts;
    private readonly JsonElement _root;
    private readonly HashSet<int> _usedIndices = [];

    private ArgumentGenerator(UserTextFacts facts, JsonElement root)
    {
        _facts = facts;
        _root = root;
    }

    /// <summary>The arguments JSON text (as it goes on the wire) for a tool with <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tool's JSON Schema; absent or not an object schema gives <c>{}</c>.</param>
    /// <param name="facts">What the user's text says.</param>
    public static string Generate(JsonElement? parameters, UserTextFacts facts)
    {
        JsonNode node = new JsonObject();
        if (parameters is { ValueKind: JsonValueKind.Object } schema)
        {
            var generator = new ArgumentGenerator(facts, schema);
            if (generator.Value(schema, string.Empty, string.Empty, 0).Value is JsonObject arguments)
            {
                node = arguments;
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A value for <paramref name="schema"/>; <c>FromText</c> says whether the user's text supplied it.</summary>
    private (JsonNode? Value, bool FromText) Value(JsonElement schema, string name, string description, int depth)
    {
        schema = Resolve(schema, depth);
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return (JsonValue.Create("example"), false);
        }

        if (Str(schema, "description") is { Length: > 0 } own)
        {
            description = own;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return (JsonNode.Parse(constant.GetRawText()), false);
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return EnumValue(values, schema);
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    if (TypeOf(Resolve(alternative, depth + 1)) != "null")
                    {
                        return Value(alternative, name, description, depth + 1);
                    }
                }
            }
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectValue(schema, depth),
            "array" => ArrayValue(schema, name, description, depth),
            "integer" => NumberValue(schema, name, description, integer: true),
            "number" => NumberValue(schema, name, description, integer: false),
            "boolean" => BooleanValue(schema, name),
            "null" => (null, false),
            _ => StringValue(schema, name, description),
        };
    }

    private (JsonNode? Value, bool FromText) ObjectValue(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        var fromText = false;
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var (value, found) = Value(property.Value, property.Name, string.Empty, depth + 1);
                if (required.Contains(property.Name) || found)
                {
                    result[property.Name] = value;
                    fromText |= found;
                }
            }
        }

        foreach (var missing in required.Where(r => !result.ContainsKey(r)))
        {
            // Required but not described: any value is valid; a string is the most plausible.
            result[missing] = StringValue(default, missing, string.Empty).Value;
        }

        return (result, fromText);
    }

    private (JsonNode? Value, bool FromText) ArrayValue(JsonElement schema, string name, string description, int depth)
    {
        var minItems = Int(schema, "minItems") ?? 0;
        var maxItems = Int(schema, "maxItems") ?? int.MaxValue;
        var items = schema.TryGetProperty("items", out var itemSchema) ? Resolve(itemSchema, depth + 1) : default;
        var result = new JsonArray();
        var fromText = false;

        var options = items.ValueKind == JsonValueKind.Object && items.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().ToList()
            : DescriptionOptions(description).Select(StringElement).ToList();
        if (options.Count > 0)
        {
            // Every option the text mentions, in text order; else the first options the schema allows.
            var mentioned = options.Select(o => (Option: o, Index: MentionIndex(o))).Where(x => x.Index >= 0).OrderBy(x => x.Index).Select(x => x.Option).ToList();
            fromText = mentioned.Count > 0;
            var chosen = mentioned.Concat(options.Except(mentioned)).Take(Math.Clamp(Math.Max(mentioned.Count, Math.Max(1, minItems)), 0, maxItems));
            foreach (var option in chosen)
            {
                result.Add(JsonNode.Parse(option.GetRawText()));
            }

            return (result, fromText);
        }

        if (TypeOf(items) == "string" && IsLocation(name, description) && Str(items, "format") is null)
        {
            foreach (var place in _facts.Places.Where(p => !_usedIndices.Contains(p.Index)).Take(maxItems))
            {
                _usedIndices.Add(place.Index);
                result.Add(JsonValue.Create(place.Value));
                fromText = true;
            }
        }

        var count = Math.Min(Math.Max(1, minItems), maxItems);
        while (result.Count < count)
        {
            var (value, found) = items.ValueKind == JsonValueKind.Object ? Value(items, Singular(name), description, depth + 1) : (JsonValue.Create(Placeholder(ModelText.IdentifierParts(Singular(name)))), false);
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && result.Any(r => r is JsonValue v && v.TryGetValue<string>(out var t) && t == s))
            {
                // Keep uniqueItems satisfied when placeholders repeat.
                value = JsonValue.Create($"{s} {result.Count + 1}");
            }

            result.Add(value);
            fromText |= found;
        }

        return (result, fromText);
    }

    private (JsonNode? Value, bool FromText) NumberValue(JsonElement schema, string name, string description, bool integer)
    {
        var minimum = Num(schema, "minimum");
        var maximum = Num(schema, "maximum");
        var exclusiveMinimum = Num(schema, "exclusiveMinimum");
        var exclusiveMaximum = Num(schema, "exclusiveMaximum");
        double value;
        var fromText = false;
        if (FindNumber(name, description) is { } found)
        {
            value = found;
            fromText = true;
        }
        else if (schema.TryGetProperty("default", out var fallback) && fallback.ValueKind == JsonValueKind.Number)
        {
            value = fallback.GetDouble();
        }
        else
        {
            value = minimum ?? (exclusiveMinimum + 1) ?? Math.Min(1, maximum ?? 1);
        }

        if (integer)
        {
            value = Math.Round(value, MidpointRounding.AwayFromZero);
        }

        var step = integer ? 1 : 0.5;
        if (minimum is { } min && value < min)
        {
            value = integer ? Math.Ceiling(min) : min;
        }

        if (maximum is { } max && value > max)
        {
            value = integer ? Math.Floor(max) : max;
        }

        if (exclusiveMinimum is { } exMin && value <= exMin)
        {
            value = integer ? Math.Floor(exMin) + 1 : exMin + step;
        }

        if (exclusiveMaximum is { } exMax && value >= exMax)
        {
            value = integer ? Math.Ceiling(exMax) - 1 : exMax - step;
        }

        return (integer || value == Math.Floor(value) ? JsonValue.Create((long)value) : JsonValue.Create(value), fromText);
    }

    private (JsonNode? Value, bool FromText) BooleanValue(JsonElement schema, string name)
    {
        var subject = ModelText.IdentifierParts(name).Where(p => p.Length >= 3 && !ModelText.IsStopWord(p)).Select(ModelText.Stem).ToHashSet(StringComparer.Ordinal);
        var words = _facts.Words;
        for (var i = 0; i < words.Count; i++)
        {
            if (subject.Contains(ModelText.Stem(words[i].Value)))
            {
                var negated = words.Skip(Math.Max(0, i - 3)).Take(Math.Min(3, i)).Any(w => w.Value.ToLowerInvariant() is "no" or "not" or "without" or "don't" or "dont" or "never" or "skip");
                return (JsonValue.Create(!negated), true);
            }
        }

        return schema.TryGetProperty("default", out var fallback) && fallback.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (JsonValue.Create(fallback.GetBoolean()), false)
            : (JsonValue.Create(false), false);
    }

    private (JsonNode? Value, bool FromText) EnumValue(JsonElement values, JsonElement schema)
    {
        var options = values.EnumerateArray().ToList();
        var mentioned = options.Select(o => (Option: o, Index: MentionIndex(o))).Where(x => x.Index >= 0).OrderBy(x => x.Index).Select(x => (JsonElement?)x.Option).FirstOrDefault();
        if (mentioned is { } hit)
        {
            return (JsonNode.Parse(hit.GetRawText()), true);
        }

        var chosen = schema.TryGetProperty("default", out var fallback) && options.Any(o => JsonElement.DeepEquals(o, fallback)) ? fallback : options[0];
        return (JsonNode.Parse(chosen.GetRawText()), false);
    }

    private (JsonNode? Value, bool FromText) StringValue(JsonElement schema, string name, string description)
    {
        var (text, fromText) = StringCandidate(schema, name, description);
        if (schema.ValueKind == JsonValueKind.Object)
        {
            if (Str(schema, "pattern") is { } pattern && !Matches(pattern, text))
            {
                var candidate = _facts.Words.Select(w => w.Value).Concat(_facts.Quoted).FirstOrDefault(w => Matches(pattern, w));
                if (candidate is not null)
                {
                    (text, fromText) = (candidate, true);
                }
                else if (Example(description) is { } example && Matches(pattern, example))
                {
                    (text, fromText) = (example, false);
                }
            }

            if (Int(schema, "minLength") is { } minLength && text.Length < minLength)
            {
                text = text.PadRight(minLength, 'x');
            }

            if (Int(schema, "maxLength") is { } maxLength && maxLength >= 0 && text.Length > maxLength)
            {
                text = text[..maxLength];
            }
        }

        return (JsonValue.Create(text), fromText);
    }

    private (string Text, bool FromText) StringCandidate(JsonElement schema, string name, string description)
    {
        var format = schema.ValueKind == JsonValueKind.Object ? Str(schema, "format") : null;
        var fallback = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("default", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var parts = ModelText.IdentifierParts(name);
        var words = parts.Concat(ModelText.ContentStems(description)).ToHashSet(StringComparer.Ordinal);

        var options = DescriptionOptions(description);
        if (options.Count > 0)
        {
            var mentioned = options.Select(o => (Option: o, Index: ModelText.IndexOfPhrase(_facts.Text, o))).Where(x => x.Index >= 0).OrderBy(x => x.Index).Select(x => x.Option).FirstOrDefault();
            return mentioned is not null ? (mentioned, true) : (fallback is not null && options.Contains(fallback) ? fallback : options[0], false);
        }

        switch (format)
        {
            case "date-time":
                var day = _facts.Dates.Count > 0 ? _facts.Dates[0] : _facts.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return _facts.Dates.Count > 0 || _facts.Times.Count > 0
                    ? ($"{day}T{(_facts.Times.Count > 0 ? _facts.Times[0] : "09:00")}:00Z", true)
                    : (fallback ?? $"{day}T09:00:00Z", false);
            case "date":
                return _facts.Dates.Count > 0 ? (_facts.Dates[0], true) : (fallback ?? _facts.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false);
            case "time":
                return _facts.Times.Count > 0 ? (_facts.Times[0] + ":00", true) : (fallback ?? "09:00:00", false);
            case "email" or "idn-email":
                return _facts.Emails.Count > 0 ? (_facts.Emails[0], true) : (fallback ?? "user@example.com", false);
            case "uri" or "url" or "iri" or "uri-reference":
                return _facts.Urls.Count > 0 ? (_facts.Urls[0], true) : (fallback ?? "https://example.com/", false);
            case "uuid":
                return (fallback ?? "3f2b8c1e-9d4a-4e6b-8f1c-2a7d5e9b0c41", false);
            default:
                break;
        }

        if (words.Contains("email") || words.Contains("mail"))
        {
            return _facts.Emails.Count > 0 ? (_facts.Emails[0], true) : (fallback ?? "user@example.com", false);
        }

        if (words.Overlaps(["url", "uri", "link", "website", "href"]))
        {
            return _facts.Urls.Count > 0 ? (_facts.Urls[0], true) : (fallback ?? "https://example.com/", false);
        }

        if (parts.Contains("date") || parts.Contains("day"))
        {
            return _facts.Dates.Count > 0 ? (_facts.Dates[0], true) : (fallback ?? _facts.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false);
        }

        if (parts.Contains("time"))
        {
            return _facts.Times.Count > 0 ? (_facts.Times[0], true) : (fallback ?? "09:00", false);
        }

        if (parts.Count > 0 && (IdentifierWords.Contains(parts[^1]) || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("ID", StringComparison.Ordinal)))
        {
            var identifier = _facts.Identifiers.FirstOrDefault(i => !_usedIndices.Contains(i.Index));
            if (identifier.Value is not null)
            {
                _usedIndices.Add(identifier.Index);
                return (identifier.Value, true);
            }

            return (fallback ?? Example(description) ?? "12345", false);
        }

        if (IsLocation(name, description))
        {
            if (PickPlace(parts) is { } place)
            {
                return (place, true);
            }

            return (fallback ?? Example(description) ?? "Seattle", false);
        }

        if (parts.Contains("name") && !parts.Any(p => p is "file" or "product" or "item" or "company" or "tool" or "model" or "project" or "app" or "city" or "place"))
        {
            return _facts.PersonNames.Count > 0 ? (_facts.PersonNames[0], true) : (fallback ?? Example(description) ?? "Alex", false);
        }

        if (parts.Any(PersonWords.Contains))
        {
            return _facts.PersonNames.Count > 0 ? (_facts.PersonNames[0], true) : (fallback ?? Example(description) ?? "Alex", false);
        }

        if (parts.Any(FreeTextWords.Contains))
        {
            var free = _facts.Quoted.Count > 0 ? _facts.Quoted[0] : _facts.About ?? _facts.Text.Trim();
            return free.Length > 0 ? (free, true) : (fallback ?? "example", false);
        }

        if (_facts.Quoted.Count > 0)
        {
            return (_facts.Quoted[0], true);
        }

        return (fallback ?? Example(description) ?? Placeholder(parts), false);
    }

    private static string Placeholder(IReadOnlyList<string> parts) => parts.Count == 0 ? "example" : "example " + string.Join(' ', parts);

    /// <summary>
    /// A place phrase for a location property: <c>origin</c>/<c>from</c> prefer one after "from", <c>destination</c>/<c>to</c>
    /// one after "to", others one after in/for/at/near; else the first place not used yet.
    /// </summary>
    private string? PickPlace(IReadOnlyList<string> parts)
    {
        var free = _facts.Places.Where(p => !_usedIndices.Contains(p.Index)).ToList();
        if (free.Count == 0)
        {
            return null;
        }

        string[] preferred = parts.Any(p => p is "origin" or "from" or "departure" or "source" or "start")
            ? ["from"]
            : parts.Any(p => p is "destination" or "to" or "arrival" or "target" or "end")
                ? ["to", "into"]
                : ["in", "for", "at", "near", "around", "of"];
        var place = free.FirstOrDefault(p => preferred.Contains(p.Preposition));
        if (place.Value is null)
        {
            place = free[0];
        }

        _usedIndices.Add(place.Index);
        return place.Value;
    }

    /// <summary>A number for a property: the unused number nearest (within three words) to a word of its name or description, else the first unused one.</summary>
    private double? FindNumber(string name, string description)
    {
        var free = _facts.Numbers.Where(n => !_usedIndices.Contains(n.Index)).ToList();
        if (free.Count == 0)
        {
            return null;
        }

        var hints = ModelText.IdentifierParts(name).Where(p => p.Length >= 3).Select(ModelText.Stem).Concat(ModelText.ContentStems(description)).ToHashSet(StringComparer.Ordinal);
        var words = _facts.Words;
        var hintPositions = Enumerable.Range(0, words.Count).Where(i => hints.Contains(ModelText.Stem(words[i].Value))).ToList();
        (double Value, int Index)? best = null;
        var bestDistance = int.MaxValue;
        foreach (var number in free)
        {
            var position = WordPosition(number.Index);
            foreach (var hint in hintPositions)
            {
                var distance = Math.Abs(hint - position);
                if (distance <= 3 && distance < bestDistance)
                {
                    (best, bestDistance) = (number, distance);
                }
            }
        }

        var chosen = best ?? free[0];
        _usedIndices.Add(chosen.Index);
        return chosen.Value;
    }

    private int WordPosition(int charIndex)
    {
        var words = _facts.Words;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Index + words[i].Length > charIndex)
            {
                return i;
            }
        }

        return words.Count;
    }

    /// <summary>Where the text mentions an enum value (its text, or with <c>_</c>/<c>-</c> as spaces), or -1.</summary>
    private int MentionIndex(JsonElement option)
    {
        switch (option.ValueKind)
        {
            case JsonValueKind.String:
                var value = option.GetString()!;
                var index = ModelText.IndexOfPhrase(_facts.Text, value);
                if (index < 0 && ModelText.IdentifierParts(value) is { Count: > 1 } parts)
                {
                    index = ModelText.IndexOfPhrase(_facts.Text, string.Join(' ', parts));
                }

                return index;
            case JsonValueKind.Number:
                var number = option.GetDouble();
                return _facts.Numbers.Where(n => n.Value == number).Select(n => n.Index).DefaultIfEmpty(-1).First();
            default:
                return -1;
        }
    }

    private static bool IsLocation(string name, string description)
    {
        var parts = ModelText.IdentifierParts(name);
        return parts.Any(LocationWords.Contains)
            || (ModelText.ContentStems(description).Overlaps(["city", "town", "location", "place", "country"]) && !parts.Any(p => IdentifierWords.Contains(p) || FreeTextWords.Contains(p)));
    }

    /// <summary>Options a description lists instead of an enum ("celsius or fahrenheit", "status, add or cancel").</summary>
    private static List<string> DescriptionOptions(string description)
    {
        var text = description.Trim().TrimEnd('.');
        var match = OptionsRegex().Match(text);
        if (!match.Success)
        {
            return [];
        }

        var options = OptionSeparatorRegex().Split(match.Groups["list"].Value).Select(o => o.Trim().Trim('"', '\'', '`')).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return options.Count is >= 2 and <= 8 ? options : [];
    }

    /// <summary>"for example X", "e.g. X", "such as X" in a description.</summary>
    private static string? Example(string description)
    {
        var match = ExampleRegex().Match(description);
        return match.Success ? match.Groups["example"].Value.Trim().TrimEnd('.') : null;
    }

    private static JsonElement StringElement(string value)
    {
        using var document = JsonDocument.Parse("\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"");
        return document.RootElement.Clone();
    }

    private static string Singular(string name) => name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.EndsWith('s') ? name[..^1] : name;

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/$defs/X</c>, <c>#/definitions/X</c>) in the tool's schema.</summary>
    private JsonElement Resolve(JsonElement schema, int depth)
    {
        while (depth++ <= MaxDepth && schema.ValueKind == JsonValueKind.Object && Str(schema, "$ref") is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            var target = _root;
            foreach (var segment in reference[2..].Split('/'))
            {
                if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    return default;
                }
            }

            schema = target;
        }

        return schema;
    }

    /// <summary>The schema's type: the first non-null entry of a type list; inferred from its keywords when absent.</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var types = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
                return types.FirstOrDefault(t => t != "null") ?? types.FirstOrDefault();
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private static string? Str(JsonElement schema, string property) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Num(JsonElement schema, string property) =>
        schema.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Int(JsonElement schema, string property) =>
        schema.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    [GeneratedRegex(@"^(?i:one of:?\s+|either\s+)?(?<list>[\w\-]+(?:\s*(?:,\s*(?:or\s+)?|\s+or\s+|\s*\|\s*|\s*/\s*)[\w\-]+)+)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex OptionsRegex();

    [GeneratedRegex(@"\s*(?:,\s*(?:or\s+)?|\s+or\s+|\|)\s*|\s*/\s*", RegexOptions.CultureInvariant, 200)]
    private static partial Regex OptionSeparatorRegex();

    [GeneratedRegex(@"(?i:for example|for instance|e\.g\.|such as)[:,]?\s+[""'`]?(?<example>[^""'`,;()]+?)[""'`]?\s*(?:[,;()]|\.(?:\s|$)|$)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ExampleRegex();
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealtimeGrains.Simulator.Tests.Infrastructure;

/// <summary>
/// A small JSON Schema checker for the tests, independent of the simulator's generator: <c>type</c> (string or list),
/// <c>required</c>, <c>properties</c>, <c>additionalProperties: false</c>, <c>enum</c>, <c>const</c>, <c>items</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>minItems</c>/<c>maxItems</c>, <c>minLength</c>/<c>maxLength</c>, <c>format: date</c>.
/// </summary>
public static class SchemaChecker
{
    /// <summary>Every violation of <paramref name="schema"/> by <paramref name="value"/>, as "path: problem"; empty when valid.</summary>
    public static List<string> Check(JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(schema.AsObject(), value, "$", errors);
        return errors;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {options.ToJsonString()}");
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected const {constant.ToJsonString()}");
        }

        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => (string)t!).ToList(),
            JsonValue one => [(string)one!],
            _ => [],
        };
        var actual = KindOf(value);
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            errors.Add($"{path}: expected {string.Join("|", types)}, got {actual}");
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
                {
                    if (!obj.ContainsKey(required))
                    {
                        errors.Add($"{path}: missing required property '{required}'");
                    }
                }

                var properties = schema["properties"] as JsonObject ?? [];
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonObject childSchema)
                    {
                        Check(childSchema, child, $"{path}.{name}", errors);
                    }
                    else if (schema["additionalProperties"] is JsonValue extra && extra.GetValueKind() == JsonValueKind.False)
                    {
                        errors.Add($"{path}: unexpected property '{name}'");
                    }
                }

                break;
            case JsonArray array:
                if ((int?)schema["minItems"] is { } minItems && array.Count < minItems)
                {
                    errors.Add($"{path}: fewer than {minItems} items");
                }

                if ((int?)schema["maxItems"] is { } maxItems && array.Count > maxItems)
                {
                    errors.Add($"{path}: more than {maxItems} items");
                }

                for (var i = 0; i < array.Count; i++)
                {
                    if (schema["items"] is JsonObject items)
                    {
                        Check(items, array[i], $"{path}[{i}]", errors);
                    }
                }

                break;
            case JsonValue number when actual is "integer" or "number":
                var n = number.GetValue<double>();
                if ((double?)schema["minimum"] is { } min && n < min)
                {
                    errors.Add($"{path}: {n} below minimum {min}");
                }

                if ((double?)schema["maximum"] is { } max && n > max)
                {
                    errors.Add($"{path}: {n} above maximum {max}");
                }

                break;
            case JsonValue text when actual == "string":
                var s = text.GetValue<string>();
                if ((int?)schema["minLength"] is { } minLength && s.Length < minLength)
                {
                    errors.Add($"{path}: shorter than {minLength}");
                }

                if ((int?)schema["maxLength"] is { } maxLength && s.Length > maxLength)
                {
                    errors.Add($"{path}: longer than {maxLength}");
                }

                if ((string?)schema["format"] == "date" && !DateOnly.TryParseExact(s, "yyyy-MM-dd", out _))
                {
                    errors.Add($"{path}: '{s}' is not a date");
                }

                break;
        }
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) || v.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase) ? "number" : "integer",
            _ => "null",
        },
        _ => "null",
    };
}

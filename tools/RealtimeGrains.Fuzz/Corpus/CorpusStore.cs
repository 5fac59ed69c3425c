using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Fuzz.Corpus;

/// <summary>Reads and writes corpus entries (one JSON file each).</summary>
internal static class CorpusStore
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<(string File, CorpusEntry Entry)> Load(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), JsonSerializer.Deserialize<CorpusEntry>(File.ReadAllText(f), Options)!))]
            : [];

    public static string Save(string directory, string name, CorpusEntry entry)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(entry, Options));
        return path;
    }
}

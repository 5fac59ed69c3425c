using System.Text;
using System.Text.Json;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// The session grains' persisted conversations, read from the host's file state folder once the host has stopped (so every
/// state is flushed): each state has two slot files (<c>KEY.state</c>, <c>KEY.1.state</c>), each a header line
/// <c>rgstate2 SEQUENCE ETAG LENGTH CRC32C</c> and the JSON; the slot with the higher sequence is the current one.
/// </summary>
internal static class PersistedConversations
{
    /// <summary>Items per session id (the file name holds the session id, escaped to letters, digits, '-' and '_').</summary>
    public static Dictionary<string, List<PersistedItem>> Read(string stateDirectory, IEnumerable<string> sessionIds)
    {
        var files = Directory.Exists(stateDirectory)
            ? Directory.GetFiles(stateDirectory, "*.state", SearchOption.AllDirectories).Where(f => f.Contains("realtime-session", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        var result = new Dictionary<string, List<PersistedItem>>(StringComparer.Ordinal);
        foreach (var id in sessionIds)
        {
            var escaped = Escape(id);
            var slots = files.Where(f => Path.GetFileName(f).Contains(escaped, StringComparison.Ordinal)).Select(ReadSlot).Where(s => s is not null).ToList();
            if (slots.Count > 0)
            {
                result[id] = Items(slots.MaxBy(s => s!.Value.Sequence)!.Value.Json);
            }
        }

        return result;
    }

    private static (long Sequence, string Json)? ReadSlot(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            return null;
        }

        var header = text[..newline].Split(' ');
        var sequence = header is ["rgstate2", var seq, ..] && long.TryParse(seq, out var n) ? n : 0;
        var json = text[(newline + 1)..];
        return json.Length == 0 ? null : (sequence, json);
    }

    private static List<PersistedItem> Items(string json)
    {
        using var document = JsonDocument.Parse(json);
        var items = new List<PersistedItem>();
        if (FindItems(document.RootElement) is { } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                var text = String(item, "text");
                items.Add(new PersistedItem(String(item, "id") ?? "", String(item, "role"), String(item, "status"), string.IsNullOrEmpty(text) ? String(item, "transcript") : text));
            }
        }

        return items;
    }

    private static JsonElement? FindItems(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals("items", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                return property.Value;
            }

            if (FindItems(property.Value) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static string? String(JsonElement item, string name)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return null;
    }

    private static string Escape(string id) => new([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')]);
}

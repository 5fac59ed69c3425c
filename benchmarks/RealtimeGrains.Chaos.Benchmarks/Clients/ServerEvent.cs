using System.Text.Json;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>One server event as the client received it: its type, its JSON (null for audio deltas, which are only counted) and when.</summary>
/// <param name="Type">The event's <c>type</c>.</param>
/// <param name="Body">The parsed event; null for <c>response.output_audio.delta</c>.</param>
/// <param name="At">When it arrived, on the run's clock.</param>
internal sealed record ServerEvent(string Type, JsonElement? Body, TimeSpan At)
{
    /// <summary>A string property of the event, or of the object at <paramref name="path"/> (e.g. <c>item.id</c>).</summary>
    public string? Get(string path)
    {
        if (Body is not { } element)
        {
            return null;
        }

        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

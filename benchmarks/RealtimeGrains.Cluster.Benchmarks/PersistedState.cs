using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// The session grains' state blobs as the storage emulator holds them: the container is listed once, then each session's
/// blob (its name contains <c>realtime-session</c> and the session id, as <see cref="ClusterHarness.ReadSessionStateAsync"/>
/// looks for it) is downloaded and the ids of its conversation items are read out of the JSON.
/// </summary>
internal static class PersistedState
{
    /// <summary>Item ids per session id; a session without a blob maps to null.</summary>
    public static async Task<Dictionary<string, HashSet<string>?>> ReadItemIdsAsync(string connectionString, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken = default)
    {
        var container = new BlobContainerClient(connectionString, ClusterHarness.StateContainer);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Name.Contains("realtime-session", StringComparison.OrdinalIgnoreCase))
            {
                names.Add(blob.Name);
            }
        }

        var result = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(16);
        var reads = sessionIds.Select(async id =>
        {
            var name = names.FirstOrDefault(n => n.Contains(id, StringComparison.Ordinal));
            if (name is null)
            {
                return (id, (HashSet<string>?)null);
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
                return (id, ItemIds(Encoding.UTF8.GetString(content.Value.Content.ToArray()), name));
            }
            finally
            {
                gate.Release();
            }
        });
        foreach (var (id, ids) in await Task.WhenAll(reads))
        {
            result[id] = ids;
        }

        return result;
    }

    /// <summary>The <c>Id</c> of every element of the state's <c>Items</c> array (any letter case; a <c>$values</c> wrapper allowed).</summary>
    public static HashSet<string> ItemIds(string json, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The state blob {what} is not JSON (starts with \"{json[..Math.Min(80, json.Length)]}\").", ex);
        }

        using (document)
        {
            var items = FindItems(document.RootElement)
                ?? throw new InvalidOperationException($"The state blob {what} has no Items array: {json[..Math.Min(200, json.Length)]}");
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Property(item, "Id") is { ValueKind: JsonValueKind.String } id)
                {
                    ids.Add(id.GetString()!);
                }
            }

            return ids;
        }
    }

    private static JsonElement? FindItems(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Property(element, "Items") is { } items)
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                return items;
            }

            if (items.ValueKind == JsonValueKind.Object && Property(items, "$values") is { ValueKind: JsonValueKind.Array } values)
            {
                return values;
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (FindItems(property.Value) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}

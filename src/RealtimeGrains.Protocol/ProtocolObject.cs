using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// Base of every protocol object. Keeps the fields this library does not know (written back unchanged)
/// and remembers which nullable fields were sent as an explicit JSON <c>null</c>, so "absent" and
/// "null" survive a read → write round trip and partial updates can tell them apart.
/// </summary>
public abstract class ProtocolObject
{
    private HashSet<string>? _explicitNulls;

    /// <summary>Fields not modelled by this library, by JSON name; written back unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>True when the field (JSON name, e.g. <c>turn_detection</c>) was, or is to be, sent as an explicit <c>null</c>.</summary>
    /// <param name="jsonName">The field's JSON name.</param>
    public bool IsExplicitNull(string jsonName) => _explicitNulls?.Contains(jsonName) == true;

    /// <summary>
    /// Marks (or unmarks) a field as an explicit <c>null</c>: when its property is null the writer then emits
    /// <c>"name": null</c> instead of omitting it. Example: <c>update.SetExplicitNull(SessionFields.TurnDetection)</c> disables VAD.
    /// </summary>
    /// <param name="jsonName">The field's JSON name.</param>
    /// <param name="isNull">False removes the mark.</param>
    public void SetExplicitNull(string jsonName, bool isNull = true)
    {
        if (isNull)
        {
            (_explicitNulls ??= new HashSet<string>(StringComparer.Ordinal)).Add(jsonName);
        }
        else
        {
            _explicitNulls?.Remove(jsonName);
        }
    }

    /// <summary>JSON names of the fields marked as explicit null.</summary>
    [JsonIgnore]
    public IReadOnlyCollection<string> ExplicitNulls => (IReadOnlyCollection<string>?)_explicitNulls ?? [];
}

using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Adds the event <c>type</c> as the first property: written as the dialect's wire name, ignored on read (the parser dispatched on it already).</summary>
internal static class EventTypeModifier
{
    public static Action<JsonTypeInfo> ForDialect(ProtocolDialect? dialect) => typeInfo =>
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(RealtimeEvent).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        // The CLR Type property is [JsonIgnore]d but still listed; the synthetic one replaces it.
        foreach (var ignored in typeInfo.Properties.Where(static p => p.Name == "type").ToList())
        {
            typeInfo.Properties.Remove(ignored);
        }

        var property = typeInfo.CreateProperty(typeof(string), "type");
        property.Get = dialect is { } d
            ? target => EventNames.WireName((RealtimeEvent)target, d)
            : target => ((RealtimeEvent)target).Type;
        property.Set = static (_, _) => { };
        property.Order = -2;
        typeInfo.Properties.Insert(0, property);
    };
}

using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Content part types: read beta <c>text</c>/<c>audio</c> as <c>output_text</c>/<c>output_audio</c>; write the dialect's name.</summary>
internal static class ContentPartTypeModifier
{
    public static Action<JsonTypeInfo> ForDialect(ProtocolDialect? dialect) => typeInfo =>
    {
        if (typeInfo.Type != typeof(ContentPart))
        {
            return;
        }

        var property = typeInfo.Properties.Single(static p => p.Name == "type");
        var set = property.Set!;
        property.Set = (target, value) => set(target, ContentPartTypes.ToModel((string?)value));
        if (dialect is { } d)
        {
            var get = property.Get!;
            property.Get = target => ContentPartTypes.ToWire((string?)get(target), d);
        }
    };
}

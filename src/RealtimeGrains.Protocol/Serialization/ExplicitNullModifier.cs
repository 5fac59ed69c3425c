using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// Makes every nullable property of a <see cref="ProtocolObject"/> remember an explicit JSON <c>null</c> on read and
/// write <c>null</c> only when so marked; otherwise null properties are omitted (absent stays absent).
/// </summary>
internal static class ExplicitNullModifier
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(ProtocolObject).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.IsExtensionData || (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null))
            {
                continue;
            }

            var name = property.Name;
            var set = property.Set;
            if (set is not null)
            {
                property.Set = (target, value) =>
                {
                    if (value is null)
                    {
                        ((ProtocolObject)target).SetExplicitNull(name);
                    }

                    set(target, value);
                };
            }

            property.ShouldSerialize = (target, value) => value is not null || ((ProtocolObject)target).IsExplicitNull(name);
        }
    }
}

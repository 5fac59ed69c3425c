using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RealtimeGrains.Protocol.Parsing;

/// <summary>
/// Lists the wire paths of unknown fields kept in extension data, walking the object graph through the
/// source-generated contracts of the dialect (so GA paths read <c>session.audio.input.foo</c>).
/// </summary>
internal static class UnknownFieldCollector
{
    public static List<string>? Collect(object root, JsonSerializerOptions options)
    {
        List<string>? found = null;
        Walk(root, string.Empty, options, ref found, 0);
        return found;
    }

    private static void Walk(object? value, string path, JsonSerializerOptions options, ref List<string>? found, int depth)
    {
        if (value is null || depth > 64)
        {
            return;
        }

        if (value is ProtocolObject protocolObject)
        {
            if (protocolObject.ExtensionData is { Count: > 0 } extension)
            {
                foreach (var key in extension.Keys)
                {
                    (found ??= []).Add(Join(path, key));
                }
            }

            var typeInfo = options.GetTypeInfo(value.GetType());
            if (typeInfo.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            foreach (var property in typeInfo.Properties)
            {
                if (property.IsExtensionData || property.Get is null || !IsWalkable(property.PropertyType))
                {
                    continue;
                }

                Walk(property.Get(value), Join(path, property.Name), options, ref found, depth + 1);
            }
        }
        else if (value is IList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Walk(list[i], $"{path}[{i}]", options, ref found, depth + 1);
            }
        }
    }

    private static bool IsWalkable(Type type) =>
        typeof(ProtocolObject).IsAssignableFrom(type) || (typeof(IList).IsAssignableFrom(type) && type != typeof(string));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

using System.Reflection;

namespace RealtimeGrains.Simulator.Server;

/// <summary>
/// Finds configuration keys under a section that name no property of the options type (a typo such as
/// <c>RealtimeSimulator:SpeedFacto</c> would otherwise be ignored silently by the binder), following list items
/// (<c>Rules:0:Contains</c>) and nested objects.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>The full paths of the keys under <paramref name="section"/> that <paramref name="optionsType"/> does not have.</summary>
    public static IEnumerable<string> Find(IConfiguration section, Type optionsType)
    {
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return child.Path;
                continue;
            }

            var type = property.PropertyType;
            if (type != typeof(string) && ElementType(type) is { } element)
            {
                if (!IsLeaf(element))
                {
                    foreach (var item in child.GetChildren())
                    {
                        foreach (var unknown in Find(item, element))
                        {
                            yield return unknown;
                        }
                    }
                }

                continue;
            }

            if (IsLeaf(type))
            {
                continue;
            }

            foreach (var unknown in Find(child, type))
            {
                yield return unknown;
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type.IsAbstract;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}

using System.Collections;
using System.Reflection;
using Orleans.Hosting.Kubernetes;
using RealtimeGrains.Gateway;
using RealtimeGrains.Host;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>
/// Whether an environment variable a deployment sets is one the product reads: <c>Section__Property__…</c> names are
/// resolved against the options classes by reflection (so a renamed property breaks the tests), the rest must be one of
/// the platform's names below.
/// </summary>
internal static class ProductSettings
{
    /// <summary>The options class bound to each configuration section the host reads.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [RealtimeHostOptions.SectionName] = typeof(RealtimeHostOptions),
        [GatewayOptions.SectionName] = typeof(GatewayOptions),
        [UpstreamOptions.SectionName] = typeof(UpstreamOptions),
        [RealtimeSessionsOptions.SectionName] = typeof(RealtimeSessionsOptions),
        [SimulatorOptions.SectionName] = typeof(SimulatorOptions),
    };

    /// <summary>Names read by the runtime, Azure.Identity, OpenTelemetry and Orleans' Kubernetes hosting rather than by options classes.</summary>
    private static readonly HashSet<string> PlatformNames = new(StringComparer.Ordinal)
    {
        "URLS", // ASP.NET Core's listen addresses (unprefixed, so it wins over appsettings.json's Urls)
        "DOTNET_ENVIRONMENT",
        "AZURE_CLIENT_ID", // DefaultAzureCredential: which managed identity
        "OTEL_SERVICE_NAME",
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
        KubernetesHostingOptions.ServiceIdEnvironmentVariable,
        KubernetesHostingOptions.ClusterIdEnvironmentVariable,
    };

    /// <summary>Null when the product reads <paramref name="name"/>; otherwise why not.</summary>
    public static string? Explain(string name)
    {
        if (!name.Contains("__", StringComparison.Ordinal))
        {
            return PlatformNames.Contains(name) ? null : $"'{name}' is neither a product setting (Section__Property) nor a known platform variable.";
        }

        var parts = name.Split("__");
        if (!Sections.TryGetValue(parts[0], out var type))
        {
            return $"'{name}': no options class is bound to section '{parts[0]}'.";
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (ElementType(type) is { } element)
            {
                // A list index (ServerCredentials__0) or a dictionary key.
                if (IsList(type) && !int.TryParse(parts[i], out _))
                {
                    return $"'{name}': '{parts[i]}' is not an index of the list {string.Join(':', parts[..i])}.";
                }

                type = element;
                continue;
            }

            var property = type.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return $"'{name}': {type.Name} has no property '{parts[i]}'.";
            }

            type = property.PropertyType;
        }

        return IsLeaf(type) ? null : $"'{name}' names a section ({type.Name}), not a value.";
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(decimal);
    }

    private static bool IsList(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IList<>) || d == typeof(List<>) || d == typeof(ICollection<>) || d == typeof(IReadOnlyList<>)));

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1], // a dictionary: the key is free, the value is typed
            _ => null,
        };
    }
}

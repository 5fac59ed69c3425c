using YamlDotNet.RepresentationModel;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>One Kubernetes object (a YAML document) with path lookups that fail with the file and path named.</summary>
internal sealed record Manifest(string File, YamlMappingNode Root)
{
    public string Kind => Scalar(Root, "kind");

    public string Name => Scalar(Root, "metadata.name");

    public override string ToString() => $"{File} ({Kind} {Name})";

    /// <summary>The node at a dotted path (<c>spec.template.metadata.labels</c>), or null.</summary>
    public static YamlNode? Find(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public YamlNode Required(string path) => Find(Root, path) ?? throw new Xunit.Sdk.XunitException($"{this}: '{path}' is missing.");

    public string Scalar(string path) => Scalar(Root, path, this.File);

    public static string Scalar(YamlNode node, string path, string? file = null) =>
        (Find(node, path) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"{file}: '{path}' is missing or not a scalar.");

    public YamlMappingNode Mapping(string path) => Required(path) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"{this}: '{path}' is not a mapping.");

    public YamlSequenceNode Sequence(string path) => Required(path) as YamlSequenceNode ?? throw new Xunit.Sdk.XunitException($"{this}: '{path}' is not a list.");

    /// <summary>A mapping of scalars (labels, data) as a dictionary.</summary>
    public static Dictionary<string, string> Strings(YamlMappingNode mapping) =>
        mapping.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);
}

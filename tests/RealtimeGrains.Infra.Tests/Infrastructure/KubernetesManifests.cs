using YamlDotNet.RepresentationModel;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>Every YAML document under <c>infra/k8s</c>, parsed with YamlDotNet (a malformed file fails here).</summary>
internal static class KubernetesManifests
{
    public static string Folder => Repository.Combine("infra", "k8s");

    private static readonly Lazy<IReadOnlyList<Manifest>> All = new(Load);

    /// <summary>The Kubernetes objects (the kustomization file excluded).</summary>
    public static IReadOnlyList<Manifest> Objects => All.Value.Where(m => m.Kind != "Kustomization").ToList();

    public static Manifest Kustomization => All.Value.Single(m => m.Kind == "Kustomization");

    public static Manifest Single(string kind) => Objects.Single(m => m.Kind == kind);

    private static List<Manifest> Load()
    {
        var manifests = new List<Manifest>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                var root = document.RootNode as YamlMappingNode
                    ?? throw new InvalidDataException($"{Repository.Relative(file)}: a document is not a mapping.");
                manifests.Add(new Manifest(Path.GetFileName(file), root));
            }
        }

        return manifests;
    }
}

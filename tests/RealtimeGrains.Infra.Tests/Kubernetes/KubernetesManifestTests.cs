using Microsoft.Extensions.Hosting;
using Orleans.Hosting.Kubernetes;
using RealtimeGrains.Infra.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace RealtimeGrains.Infra.Tests.Kubernetes;

/// <summary>infra/k8s parses, every object is complete, and the Deployment gives Orleans' Kubernetes hosting what it reads.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly Dictionary<string, string> ApiVersions = new(StringComparer.Ordinal)
    {
        ["Namespace"] = "v1",
        ["ServiceAccount"] = "v1",
        ["ConfigMap"] = "v1",
        ["Service"] = "v1",
        ["Role"] = "rbac.authorization.k8s.io/v1",
        ["RoleBinding"] = "rbac.authorization.k8s.io/v1",
        ["Deployment"] = "apps/v1",
        ["PodDisruptionBudget"] = "policy/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2",
    };

    private static Manifest Deployment => KubernetesManifests.Single("Deployment");

    private static YamlMappingNode Container => (YamlMappingNode)Deployment.Sequence("spec.template.spec.containers").Children.Single();

    private static Dictionary<string, string> PodLabels => Manifest.Strings(Deployment.Mapping("spec.template.metadata.labels"));

    [Fact]
    public void EveryObject_HasAKnownKindItsApiVersionAndAName()
    {
        Assert.NotEmpty(KubernetesManifests.Objects);
        foreach (var manifest in KubernetesManifests.Objects)
        {
            Assert.True(ApiVersions.TryGetValue(manifest.Kind, out var apiVersion), $"{manifest}: unexpected kind.");
            Assert.Equal(apiVersion, manifest.Scalar("apiVersion"));
            Assert.False(string.IsNullOrWhiteSpace(manifest.Name), $"{manifest.File}: metadata.name is empty.");
        }

        Assert.Equal(ApiVersions.Keys.Order(StringComparer.Ordinal), KubernetesManifests.Objects.Select(m => m.Kind).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kustomization_ListsEveryManifestFile_AndOnlyExistingOnes()
    {
        var listed = KubernetesManifests.Kustomization.Sequence("resources").Children.Select(c => ((YamlScalarNode)c).Value!).Order(StringComparer.Ordinal).ToList();
        var files = KubernetesManifests.Objects.Select(m => m.File).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, listed);

        // The image the Deployment names is the one the kustomization rewrites.
        var image = KubernetesManifests.Kustomization.Sequence("images").Children.Cast<YamlMappingNode>().Single();
        Assert.Equal(Manifest.Scalar(Container, "image"), Manifest.Scalar(image, "name"));
    }

    [Fact]
    public void Deployment_CarriesTheOrleansLabels_AndSelectsItsOwnPods()
    {
        Assert.Contains(KubernetesHostingOptions.ServiceIdLabel, PodLabels.Keys);
        Assert.Contains(KubernetesHostingOptions.ClusterIdLabel, PodLabels.Keys);
        foreach (var (key, value) in Manifest.Strings(Deployment.Mapping("spec.selector.matchLabels")))
        {
            Assert.Equal(value, PodLabels.GetValueOrDefault(key));
        }
    }

    [Fact]
    public void Deployment_GivesKubernetesHostingThePodsIdentity_ThroughTheDownwardApi()
    {
        var fields = FieldRefs();
        Assert.Equal("metadata.name", fields[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", fields[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", fields[KubernetesHostingOptions.PodIPEnvironmentVariable]);

        // The Orleans ids (both Orleans' variables and the product's settings) come from the pod's own labels.
        var serviceId = $"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']";
        var clusterId = $"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']";
        Assert.Equal(serviceId, fields[KubernetesHostingOptions.ServiceIdEnvironmentVariable]);
        Assert.Equal(serviceId, fields["Host__ServiceId"]);
        Assert.Equal(clusterId, fields[KubernetesHostingOptions.ClusterIdEnvironmentVariable]);
        Assert.Equal(clusterId, fields["Host__ClusterId"]);
        Assert.Equal("true", Settings()["Host__Kubernetes"]);
    }

    [Fact]
    public void Deployment_ProbesHealthzAndReadyz_OnTheHttpPortTheHostListensOn()
    {
        Assert.Equal("/readyz", Manifest.Scalar(Container, "readinessProbe.httpGet.path"));
        Assert.Equal("/healthz", Manifest.Scalar(Container, "livenessProbe.httpGet.path"));
        Assert.NotNull(Manifest.Find(Container, "startupProbe.httpGet.path"));
        var ports = ((YamlSequenceNode)Manifest.Find(Container, "ports")!).Children.Cast<YamlMappingNode>()
            .ToDictionary(p => Manifest.Scalar(p, "name"), p => Manifest.Scalar(p, "containerPort"));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("http", Manifest.Scalar(Container, $"{probe}.httpGet.port"));
        }

        Assert.Equal($"http://+:{ports["http"]}", Settings()["URLS"]);
        Assert.Equal(ports["silo"], Settings()["Host__SiloPort"]);
    }

    [Fact]
    public void Deployment_GracePeriod_CoversPreStopAndTheHostsShutdownTimeout()
    {
        var grace = TimeSpan.FromSeconds(int.Parse(Deployment.Scalar("spec.template.spec.terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture));
        var preStop = ((YamlSequenceNode)Manifest.Find(Container, "lifecycle.preStop.exec.command")!).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        Assert.Equal("sleep", preStop[0]);
        var sleep = TimeSpan.FromSeconds(int.Parse(preStop[1]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(grace > sleep + new HostOptions().ShutdownTimeout, $"terminationGracePeriodSeconds {grace} must exceed preStop {sleep} + the host's shutdown timeout.");
    }

    [Fact]
    public void Rbac_GrantsTheServiceAccountWhatKubernetesHostingCalls()
    {
        var account = KubernetesManifests.Single("ServiceAccount");
        Assert.Equal(account.Name, Deployment.Scalar("spec.template.spec.serviceAccountName"));
        Assert.NotEqual("false", Deployment.Scalar("spec.template.spec.automountServiceAccountToken"));

        var role = KubernetesManifests.Single("Role");
        var rule = (YamlMappingNode)role.Sequence("rules").Children.Single();
        Assert.Contains("pods", Values(rule, "resources"));
        Assert.Subset(Values(rule, "verbs").ToHashSet(), new HashSet<string> { "get", "list", "watch", "patch" });

        var binding = KubernetesManifests.Single("RoleBinding");
        Assert.Equal(role.Name, binding.Scalar("roleRef.name"));
        Assert.Equal("Role", binding.Scalar("roleRef.kind"));
        var subject = (YamlMappingNode)binding.Sequence("subjects").Children.Single();
        Assert.Equal(account.Name, Manifest.Scalar(subject, "name"));
        Assert.Equal("ServiceAccount", Manifest.Scalar(subject, "kind"));
    }

    [Fact]
    public void WorkloadIdentity_IsOn_ForThePodsAndTheirServiceAccount()
    {
        Assert.Equal("true", PodLabels["azure.workload.identity/use"]);
        var annotations = Manifest.Strings(KubernetesManifests.Single("ServiceAccount").Mapping("metadata.annotations"));
        Assert.True(annotations.ContainsKey("azure.workload.identity/client-id"));

        // No key: the upstream uses Entra ID, storage is reached by URI with the identity.
        var settings = Settings();
        Assert.Equal("true", settings["Upstream__UseEntraId"]);
        Assert.DoesNotContain(settings.Keys, k => k.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || k.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Secrets_AreReferencedByName_NeverWritten()
    {
        Assert.DoesNotContain(KubernetesManifests.Objects, m => m.Kind == "Secret");
        var secretRefs = EnvEntries().Where(e => Manifest.Find(e, "valueFrom.secretKeyRef") is not null)
            .ToDictionary(e => Manifest.Scalar(e, "name"), e => Manifest.Scalar(e, "valueFrom.secretKeyRef.name"));
        Assert.Equal(new[] { "Gateway__ServerCredentials__0", "Gateway__TokenSigningKey" }, secretRefs.Keys.Order(StringComparer.Ordinal));
        Assert.Single(secretRefs.Values.Distinct());
    }

    [Fact]
    public void ServiceAndDisruptionBudget_SelectTheSilos()
    {
        foreach (var (kind, path) in new[] { ("Service", "spec.selector"), ("PodDisruptionBudget", "spec.selector.matchLabels") })
        {
            var selector = Manifest.Strings(KubernetesManifests.Single(kind).Mapping(path));
            Assert.NotEmpty(selector);
            Assert.All(selector, s => Assert.Equal(s.Value, PodLabels.GetValueOrDefault(s.Key)));
        }

        var servicePort = Assert.Single(KubernetesManifests.Single("Service").Sequence("spec.ports").Children);
        Assert.Equal("http", Manifest.Scalar(servicePort, "targetPort"));
        var minReplicas = int.Parse(KubernetesManifests.Single("HorizontalPodAutoscaler").Scalar("spec.minReplicas"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(minReplicas >= 2);
    }

    /// <summary>The container's env entries.</summary>
    internal static IEnumerable<YamlMappingNode> EnvEntries() => ((YamlSequenceNode)Manifest.Find(Container, "env")!).Children.Cast<YamlMappingNode>();

    /// <summary>Env entries set from the downward API: name → field path.</summary>
    private static Dictionary<string, string> FieldRefs() =>
        EnvEntries().Where(e => Manifest.Find(e, "valueFrom.fieldRef") is not null)
            .ToDictionary(e => Manifest.Scalar(e, "name"), e => Manifest.Scalar(e, "valueFrom.fieldRef.fieldPath"), StringComparer.Ordinal);

    /// <summary>The literal settings: the ConfigMap the container loads (envFrom) and the container's own values.</summary>
    internal static Dictionary<string, string> Settings()
    {
        var configMap = KubernetesManifests.Single("ConfigMap");
        var envFrom = Manifest.Scalar(((YamlSequenceNode)Manifest.Find(Container, "envFrom")!).Children.Single(), "configMapRef.name");
        Assert.Equal(configMap.Name, envFrom);
        var settings = Manifest.Strings(configMap.Mapping("data"));
        foreach (var entry in EnvEntries().Where(e => Manifest.Find(e, "value") is not null))
        {
            settings[Manifest.Scalar(entry, "name")] = Manifest.Scalar(entry, "value");
        }

        return settings;
    }

    private static IEnumerable<string> Values(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)Manifest.Find(node, key)!).Children.Select(c => ((YamlScalarNode)c).Value!);
}

using RealtimeGrains.Infra.Tests.Azure;
using RealtimeGrains.Infra.Tests.Infrastructure;
using RealtimeGrains.Infra.Tests.Kubernetes;

namespace RealtimeGrains.Infra.Tests.Settings;

/// <summary>Every environment variable the deployments set is one the product reads: a renamed option breaks these tests.</summary>
public sealed class SettingNameTests
{
    [Theory]
    [InlineData("Host__Clustering")]
    [InlineData("Host__AzureStorage__BlobServiceUri")]
    [InlineData("Host__Kubernetes")]
    [InlineData("Gateway__ServerCredentials__0")]
    [InlineData("RealtimeSessions__Lease__Duration")]
    [InlineData("Upstream__UseEntraId")]
    [InlineData("POD_IP")]
    public void Resolver_AcceptsSettingsTheProductReads(string name) => Assert.Null(ProductSettings.Explain(name));

    [Theory]
    [InlineData("Host__Clusterring")] // a typo
    [InlineData("Host__AzureStorage")] // a section, not a value
    [InlineData("Gateway__ServerCredentials__first")] // not a list index
    [InlineData("Telemetry__Endpoint")] // no such section
    [InlineData("POD_UID")] // not read by anything
    public void Resolver_RefusesSettingsTheProductDoesNotRead(string name) => Assert.NotNull(ProductSettings.Explain(name));

    [Fact]
    public void KubernetesManifests_SetOnlySettingsTheProductReads()
    {
        var names = KubernetesManifestTests.EnvEntries().Select(e => Manifest.Scalar(e, "name"))
            .Concat(Manifest.Strings(KubernetesManifests.Single("ConfigMap").Mapping("data")).Keys)
            .ToList();
        AssertAllRead(names, "infra/k8s");
    }

    [Fact]
    public async Task BicepTemplate_SetsOnlySettingsTheProductReads()
    {
        var app = await SiloApp.LoadAsync();
        AssertAllRead(app.Env.Select(e => e["name"]!.ToString()).ToList(), "infra/azure");
    }

    [Fact]
    public void EnvironmentExample_SetsOnlySettingsTheProductReads()
    {
        var names = File.ReadAllLines(Repository.Combine("infra", "realtimegrains.env.example"))
            .Select(l => l.TrimStart('#', ' '))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.Contains(' ', StringComparison.Ordinal) && char.IsAsciiLetterUpper(l[0]))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToList();
        AssertAllRead(names, "infra/realtimegrains.env.example");
    }

    [Fact]
    public void Dockerfile_SetsOnlySettingsTheProductReads()
    {
        // ENV A=1 \ B=2 (continued lines): every NAME= token of the ENV instructions.
        var text = File.ReadAllText(Repository.Combine("infra", "docker", "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var names = text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Contains('=', StringComparison.Ordinal))
            .Select(t => t[..t.IndexOf('=', StringComparison.Ordinal)])
            .ToList();
        AssertAllRead(names, "infra/docker/Dockerfile");
    }

    private static void AssertAllRead(IReadOnlyCollection<string> names, string where)
    {
        Assert.NotEmpty(names);
        var problems = names.Select(ProductSettings.Explain).OfType<string>().ToList();
        Assert.True(problems.Count == 0, $"{where}: " + string.Join(Environment.NewLine, problems));
    }
}

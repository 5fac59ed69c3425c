using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;
using RealtimeGrains.Gateway;
using RealtimeGrains.Host;
using RealtimeGrains.Infra.Tests.Infrastructure;
using RealtimeGrains.Infra.Tests.Kubernetes;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Infra.Tests.Settings;

/// <summary>The Kubernetes settings, bound and validated by the host itself, are a valid configuration (the host is built, not started).</summary>
public sealed class SettingValueTests
{
    [Fact]
    public void KubernetesSettings_BindAndPassTheHostsValidators()
    {
        var settings = KubernetesManifestTests.Settings();
        var labels = Manifest.Strings(KubernetesManifests.Single("Deployment").Mapping("spec.template.metadata.labels"));

        // What the cluster fills in: the downward API's labels, the Secret's values (throwaway ones of valid form).
        settings["Host__ServiceId"] = labels[KubernetesHostingOptions.ServiceIdLabel];
        settings["Host__ClusterId"] = labels[KubernetesHostingOptions.ClusterIdLabel];
        settings["Gateway__ServerCredentials__0"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        settings["Gateway__TokenSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.WebHost.UseKestrelCore(); // never started: only the service collection is built
        builder.Configuration.AddInMemoryCollection(settings
            .Where(s => s.Key.Contains("__", StringComparison.Ordinal) || s.Key == "URLS")
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)));
        builder.AddRealtimeGrainsHost();
        using var app = builder.Build();

        // Value runs each section's validators: an invalid or unconvertible value throws, naming the setting.
        var host = app.Services.GetRequiredService<IOptions<RealtimeHostOptions>>().Value;
        var upstream = app.Services.GetRequiredService<IOptions<UpstreamOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<RealtimeSessionsOptions>>().Value;

        Assert.True(host.Kubernetes);
        Assert.Equal(ClusteringKind.AzureTable, host.Clustering);
        Assert.Equal(StateStoreKind.AzureBlob, host.StateStore);
        Assert.False(host.InProcessSimulator);
        Assert.Equal(UpstreamKind.AzureOpenAI, upstream.Kind);
        Assert.True(upstream.UseEntraId);
    }
}

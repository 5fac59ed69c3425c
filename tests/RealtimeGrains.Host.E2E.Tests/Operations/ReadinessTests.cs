using System.Net;
using RealtimeGrains.TestKit.Azurite;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>
/// <c>/readyz</c> of a real host process whose grain state is in Azure Blob storage on a real Azurite process: ready, then
/// 503 naming the state store once Azurite is stopped, then ready again once Azurite is back on the same folder and port.
/// <c>/healthz</c> (the process answers) stays 200 throughout.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class ReadinessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Flip = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Readiness_FollowsTheStateStore_WhenAzuriteStopsAndReturns()
    {
        var folder = Directory.CreateTempSubdirectory("rg-readyz-azurite-").FullName;
        var azurite = await AzuriteServer.StartAsync(new AzuriteOptions { Location = folder });
        HostProcess? host = null;
        try
        {
            host = await HostProcess.StartAsync(TimeSpan.FromSeconds(60), [
                "--Host:StateStore=AzureBlob",
                $"--Host:AzureStorage:ConnectionString={azurite.ConnectionString}",
                "--RealtimeSimulator:SpeedFactor=0",
            ], "readyz");

            var (_, ready, took) = await Probe.UntilAsync(host.Http, "/readyz", HttpStatusCode.OK, Flip, "ready at start");
            Assert.Equal("Healthy", Probe.CheckStatus(ready, "state-store"));
            Assert.Equal("Healthy", Probe.CheckStatus(ready, "silo"));
            Assert.Contains("grainstate", Probe.CheckDescription(ready, "state-store"), StringComparison.Ordinal);
            output.WriteLine($"ready {took.TotalSeconds:0.0} s after the HTTP port answered");

            var restart = azurite.RestartOptions;
            await azurite.DisposeAsync();
            var (_, down, tookDown) = await Probe.UntilAsync(host.Http, "/readyz", HttpStatusCode.ServiceUnavailable, Flip, "unready after Azurite stopped");
            Assert.Equal("Unhealthy", down.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", Probe.CheckStatus(down, "state-store"));
            Assert.Equal("Healthy", Probe.CheckStatus(down, "silo"));
            output.WriteLine($"503 {tookDown.TotalSeconds:0.0} s after Azurite stopped: {Probe.CheckDescription(down, "state-store")}");
            var (_, live, _) = await Probe.UntilAsync(host.Http, "/healthz", HttpStatusCode.OK, TimeSpan.FromSeconds(10), "live while the store is down");
            Assert.Equal("Healthy", live.GetProperty("status").GetString());

            azurite = await AzuriteServer.StartAsync(restart);
            var (_, back, tookBack) = await Probe.UntilAsync(host.Http, "/readyz", HttpStatusCode.OK, Flip, "ready after Azurite returned");
            Assert.Equal("Healthy", Probe.CheckStatus(back, "state-store"));
            output.WriteLine($"200 again {tookBack.TotalSeconds:0.0} s after Azurite returned");

            // Neither the probes nor the log ever show the storage key.
            Assert.DoesNotContain(AzuriteServer.AccountKey, host.OutputText(), StringComparison.Ordinal);
            Assert.DoesNotContain(AzuriteServer.AccountKey, back.GetRawText(), StringComparison.Ordinal);
            Assert.Contains(host.Output, l => l.Text.Contains("Start-up state store: AzureBlob container grainstate at http://127.0.0.1:", StringComparison.Ordinal));
        }
        catch
        {
            if (host is not null)
            {
                output.WriteLine(host.Tail(80));
            }

            throw;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await azurite.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>
/// The sessions JSON across a real two-silo cluster (Azurite, silo processes): one silo lists both silos' sessions with the
/// silo each lives on; a session that went idle and deactivated is no longer listed, and listing it again and again does not
/// activate it (its stored state — owner and epoch, which any activation would rewrite — stays as its last owner left it).
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class ClusterListingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Listing_ShowsEachSiloSessions_AndNeverActivatesADeactivatedSession()
    {
        await using var cluster = await ClusterHarness.StartAsync(2, new ClusterHarnessOptions
        {
            ExtraSiloArguments = ["--Host:Dashboard:Enabled=true", "--RealtimeSessions:IdleTimeout=00:00:01"],
        });
        var one = cluster["silo-1"];
        var two = cluster["silo-2"];
        try
        {
            var (tokenA, onOneId) = await one.MintAsync();
            await using var clientA = await RealtimeSocket.ConnectAsync(one.WebSocketUri(RealtimeSocket.GaPath), tokenA, Step);
            await clientA.WaitForTypeAsync("session.created", Step);
            var (tokenB, onTwoId) = await two.MintAsync();
            var clientB = await RealtimeSocket.ConnectAsync(two.WebSocketUri(RealtimeSocket.GaPath), tokenB, Step);
            await clientB.WaitForTypeAsync("session.created", Step);

            // Asked on silo 1, the listing shows both silos, each with its own session (membership may need a moment to show both active).
            var listing = await ListUntilAsync(one, l => SessionsOf(l, "silo-1").Contains(onOneId) && SessionsOf(l, "silo-2").Contains(onTwoId), "both sessions on their silos");
            Assert.Equal(["silo-1", "silo-2"], listing.GetProperty("silos").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray());
            output.WriteLine(listing.GetRawText());

            // The client of silo 2's session leaves; after the 1 s idle timeout the grain persists (owner cleared) and deactivates.
            await clientB.DisposeAsync();
            await ListUntilAsync(one, l => !SessionsOf(l, "silo-2").Contains(onTwoId), "silo 2's session gone from the listing");
            // (A released state has no owner and keeps the epoch its owner took; an activation would write an owner and epoch 2.)
            var released = await StateUntilAsync(cluster, onTwoId, s => !s.Contains("\"owner\"", StringComparison.Ordinal) && s.Contains("\"epoch\":1", StringComparison.Ordinal), "the idle session's owner cleared");

            // Listing again (from both silos) never touches it: an activation would take ownership and rewrite owner and epoch.
            for (var i = 0; i < 5; i++)
            {
                foreach (var silo in new[] { one, two })
                {
                    var again = await ListAsync(silo);
                    Assert.DoesNotContain(onTwoId, SessionsOf(again, "silo-1").Concat(SessionsOf(again, "silo-2")));
                    Assert.Contains(onOneId, SessionsOf(again, "silo-1"));
                }
            }

            Assert.Equal(released, await cluster.ReadSessionStateAsync(onTwoId));
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    private static IEnumerable<string> SessionsOf(JsonElement listing, string siloName) =>
        listing.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == siloName && s.GetProperty("answered").GetBoolean())
            .SelectMany(s => s.GetProperty("sessions").EnumerateArray())
            .Select(s => s.GetProperty("sessionId").GetString()!);

    private static async Task<JsonElement> ListAsync(HostProcess silo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/sessions");
        request.Headers.Add("api-key", HostProcess.ServerCredential);
        using var response = await silo.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{silo.Name}: the sessions JSON answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>Polls the listing (it has no event) every 100 ms until <paramref name="done"/>, with a deadline.</summary>
    private static async Task<JsonElement> ListUntilAsync(HostProcess silo, Func<JsonElement, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last;
        do
        {
            last = await ListAsync(silo);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < Step);

        throw new TimeoutException($"{what}: not seen within {Step.TotalSeconds:0} s; last listing {last.GetRawText()}");
    }

    private static async Task<string> StateUntilAsync(ClusterHarness cluster, string sessionId, Func<string, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        string? last;
        do
        {
            last = await cluster.ReadSessionStateAsync(sessionId);
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < Step);

        throw new TimeoutException($"{what}: not seen within {Step.TotalSeconds:0} s; last state {last}");
    }
}

using System.Net;
using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>
/// The operator pages of a real host process over HTTP: off by default outside Development; when on, nothing under
/// <c>/dashboard</c> answers without the login cookie or a server credential, the cookie never holds the credential and
/// a tampered one is refused; the sessions JSON lists a live session with its upstream and clients; the start-up summary
/// has one line per component and no secret.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class DashboardAccessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dashboard_IsOffByDefault_OutsideDevelopment()
    {
        var state = Directory.CreateTempSubdirectory("rg-dashboard-off-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(state, TimeSpan.FromSeconds(60));
            using var response = await host.Http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var sessions = await host.Http.GetAsync(new Uri("/dashboard/api/sessions", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, sessions.StatusCode);
            var (_, live, _) = await Probe.UntilAsync(host.Http, "/healthz", HttpStatusCode.OK, Step, "health without the dashboard");
            Assert.Equal("Healthy", live.GetProperty("status").GetString());
            await WaitForLineAsync(host, "Start-up dashboard  : off");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Dashboard_WhenOn_NeedsTheLoginCookieOrACredential_AndListsLiveSessions()
    {
        var state = Directory.CreateTempSubdirectory("rg-dashboard-on-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(state, TimeSpan.FromSeconds(60), "--Host:Dashboard:Enabled=true", "--Host:SiloName=ops-access-silo");
            using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseUri };

            // Without anything: 401 for the APIs, the login form for a browser.
            foreach (var path in new[] { "/dashboard/api/sessions", "/dashboard/DashboardCounters", "/dashboard/sessions", "/dashboard/index.min.js" })
            {
                using var refused = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)refused.StatusCode} without credentials");
            }

            using (var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/sessions"))
            {
                page.Headers.Accept.ParseAdd("text/html");
                using var redirect = await anonymous.SendAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
                Assert.Equal("/dashboard/login?returnUrl=%2Fdashboard%2Fsessions", redirect.Headers.Location!.OriginalString);
            }

            // A wrong credential: the form again, 401, no cookie.
            using (var wrong = await anonymous.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form("not-the-credential-at-all", "/dashboard/sessions")))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
                Assert.False(wrong.Headers.Contains("Set-Cookie"));
            }

            // The right one: a signed cookie (HttpOnly, SameSite=Strict, path /dashboard) that is not the credential, and back to the page.
            using var login = await anonymous.PostAsync(new Uri("/dashboard/login", UriKind.Relative), Form(HostProcess.ServerCredential, "/dashboard/sessions"));
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.Equal("/dashboard/sessions", login.Headers.Location!.OriginalString);
            var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(HostProcess.ServerCredential, setCookie, StringComparison.Ordinal);
            var cookie = setCookie.Split(';')[0];

            // A live session: a Realtime client attached through the gateway.
            var (token, sessionId) = await host.MintAsync();
            await using var client = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), token, Step);
            await client.WaitForTypeAsync("session.created", Step);

            // The upstream opens on the first attach; an answer from it means it is connected before the listing.
            await client.SendAsync("""{"type":"input_audio_buffer.clear"}""", Step);
            await client.WaitForTypeAsync("input_audio_buffer.cleared", Step);

            var listing = await ListWithCookieAsync(anonymous, cookie, HttpStatusCode.OK);
            var silo = Assert.Single(listing.GetProperty("silos").EnumerateArray());
            Assert.Equal("ops-access-silo", silo.GetProperty("name").GetString());
            Assert.True(silo.GetProperty("answered").GetBoolean());
            var session = Assert.Single(silo.GetProperty("sessions").EnumerateArray());
            Assert.Equal(sessionId, session.GetProperty("sessionId").GetString());
            Assert.Equal("Simulator", session.GetProperty("upstreamKind").GetString());
            Assert.Equal(host.BaseUri.Authority, session.GetProperty("upstreamHost").GetString());
            Assert.Equal("connected", session.GetProperty("upstreamState").GetString());
            Assert.Equal(1, session.GetProperty("clients").GetInt32());
            Assert.Equal(silo.GetProperty("silo").GetString(), session.GetProperty("silo").GetString());
            output.WriteLine(listing.GetRawText());

            // The same with the credential in a header (scripts), and the Orleans dashboard's own API behind the cookie.
            using (var scripted = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/sessions"))
            {
                scripted.Headers.Add("api-key", HostProcess.ServerCredential);
                using var answer = await anonymous.SendAsync(scripted);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            // The Orleans dashboard collects its counters on its own schedule (no event to await): poll until the silo is in them.
            var counted = "";
            var until = DateTime.UtcNow + Step;
            while (!counted.Contains("ops-access-silo", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < until, "the dashboard's counters never listed the silo: " + counted);
                using var counters = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
                counters.Headers.Add("Cookie", cookie);
                using var answer = await anonymous.SendAsync(counters);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                counted = await answer.Content.ReadAsStringAsync();
                if (!counted.Contains("ops-access-silo", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250)); // poll interval of an endpoint with no push
                }
            }

            // A tampered cookie (its expiry pushed out, the MAC kept) is refused.
            var parts = cookie.Split('=', 2)[1].Split('.');
            var tampered = $"rg_operator={parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[2]}";
            await ListWithCookieAsync(anonymous, tampered, HttpStatusCode.Unauthorized);

            // The start-up summary: one line per component, the dashboard's URL, and no secret anywhere in the output.
            foreach (var component in new[] { "upstream   : Simulator", "state store: File ", "cluster    : Localhost, silo ops-access-silo", "gateway    : hub ", "dashboard  : http://", "health     : http://", "sample page: http://" })
            {
                await WaitForLineAsync(host, "Start-up " + component);
            }

            var log = host.OutputText();
            Assert.DoesNotContain(HostProcess.ServerCredential, log, StringComparison.Ordinal);
            Assert.DoesNotContain(parts[2], log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static FormUrlEncodedContent Form(string credential, string returnUrl) =>
        new([new("credential", credential), new("returnUrl", returnUrl)]);

    private static async Task<JsonElement> ListWithCookieAsync(HttpClient http, string cookie, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/sessions");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"the sessions JSON answered {(int)response.StatusCode} (expected {(int)expected}): {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>The summary is written once the host listens, which may be just after its port first answered.</summary>
    private static async Task WaitForLineAsync(HostProcess host, string text)
    {
        var until = DateTime.UtcNow + Step;
        while (!host.Output.Any(l => l.Text.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until, $"no output line contains \"{text}\":\n{host.Tail(60)}");
            await Task.Delay(50);
        }
    }
}

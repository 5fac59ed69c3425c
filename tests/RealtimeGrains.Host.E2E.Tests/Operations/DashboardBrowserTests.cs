using Microsoft.Playwright;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Operations;

/// <summary>
/// The operator pages in Debian's Chromium (headless, Playwright) against a real host process: the login form, the
/// sessions page listing a live session (a Realtime client attached) with its upstream and client count, and Orleans'
/// dashboard showing the silo. Screenshots (<c>bin/…/e2e-output/dashboard-*.png</c>) are checked to be non-blank.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string SiloName = "ops-browser-silo";
    private const float Deadline = 45_000;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DashboardAndSessionsPage_RenderInChromium_AfterLogin()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps.sh (apt package chromium).");
        var outputDirectory = Path.Combine(AppContext.BaseDirectory, "e2e-output");
        Directory.CreateDirectory(outputDirectory);
        var state = Directory.CreateTempSubdirectory("rg-dashboard-browser-").FullName;
        try
        {
            await using var host = await HostProcess.StartAsync(state, TimeSpan.FromSeconds(60), "--Host:Dashboard:Enabled=true", $"--Host:SiloName={SiloName}");
            var (token, sessionId) = await host.MintAsync();
            await using var client = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), token, Step);
            await client.WaitForTypeAsync("session.created", Step);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            var consoleErrors = new List<string>();
            var failedRequests = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add($"{message.Text} at {message.Location}");
                }
            };
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    failedRequests.Add($"{response.Status} {response.Url}");
                }
            };

            // Not logged in: the sessions page sends the browser to the login form.
            await page.GotoAsync(new Uri(host.BaseUri, "/dashboard/sessions").ToString());
            await page.WaitForURLAsync("**/dashboard/login?returnUrl=*", new PageWaitForURLOptions { Timeout = Deadline });
            await page.FillAsync("#credential", HostProcess.ServerCredential);
            await page.ClickAsync("#submit");
            await page.WaitForURLAsync("**/dashboard/sessions", new PageWaitForURLOptions { Timeout = Deadline });

            var cookies = await context.CookiesAsync();
            var login = Assert.Single(cookies, c => c.Name == "rg_operator");
            Assert.True(login.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, login.SameSite);
            Assert.DoesNotContain(HostProcess.ServerCredential, login.Value, StringComparison.Ordinal);

            // The sessions page lists the live session with its upstream and its one client.
            var row = page.Locator($"tr.session[data-session-id='{sessionId}']");
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });
            Assert.Equal("1", await row.Locator("td.clients").InnerTextAsync());
            Assert.Equal($"Simulator {host.BaseUri.Authority}", await row.Locator("td.upstream").InnerTextAsync());
            Assert.Equal("connected", await row.Locator("td.state").InnerTextAsync());
            Assert.Contains(SiloName, await page.Locator("section.silo h2").First.InnerTextAsync(), StringComparison.Ordinal);
            var sessionsShot = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "dashboard-sessions.png"), FullPage = true });
            await AssertNotBlankAsync(page, sessionsShot, "sessions page");

            // A second client of the same session: the page refreshes by itself and shows two.
            var (second, _) = await host.MintAsync(sessionId);
            await using var client2 = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), second, Step);
            await client2.WaitForTypeAsync("session.created", Step);
            await page.Locator($"tr.session[data-session-id='{sessionId}'] td.clients", new PageLocatorOptions { HasText = "2" })
                .WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });

            // Orleans' dashboard (same cookie): the overview renders its counters, and its silos page lists this silo by name.
            await page.GotoAsync(new Uri(host.BaseUri, "/dashboard/").ToString());
            await WithContextAsync(page, "the dashboard's overview", consoleErrors, failedRequests,
                () => page.GetByText("Active silos").First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
            await page.GotoAsync(new Uri(host.BaseUri, "/dashboard/#/silos").ToString());
            await WithContextAsync(page, "the dashboard's silos page", consoleErrors, failedRequests,
                () => page.Locator("td", new PageLocatorOptions { HasText = SiloName }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
            var dashboardShot = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "dashboard-orleans.png"), FullPage = true });
            await AssertNotBlankAsync(page, dashboardShot, "Orleans dashboard");

            Assert.Empty(consoleErrors);
            output.WriteLine($"screenshots: {sessionsShot.Length} and {dashboardShot.Length} bytes in {outputDirectory}");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>On a timeout, fails with the page's text, its console errors and the requests that failed.</summary>
    private static async Task WithContextAsync(IPage page, string phase, List<string> consoleErrors, List<string> failedRequests, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException ex)
        {
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"{phase} at {page.Url}: page text '{text[..Math.Min(text.Length, 600)]}', console errors [{string.Join("; ", consoleErrors)}], failed requests [{string.Join("; ", failedRequests)}]", ex);
        }
    }

    /// <summary>Decodes the PNG in the browser and counts its distinct colours: a blank (one-colour) capture fails.</summary>
    private static async Task AssertNotBlankAsync(IPage page, byte[] png, string what)
    {
        var colours = await page.EvaluateAsync<int>(
            """
            async (b64) => {
              const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
              const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
              const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
              const ctx = canvas.getContext('2d');
              ctx.drawImage(bitmap, 0, 0);
              const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
              const seen = new Set();
              for (let i = 0; i < data.length && seen.size < 1000; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
              return seen.size;
            }
            """,
            Convert.ToBase64String(png));
        Assert.True(colours >= 8, $"the {what} screenshot has {colours} distinct colours: it looks blank");
    }
}

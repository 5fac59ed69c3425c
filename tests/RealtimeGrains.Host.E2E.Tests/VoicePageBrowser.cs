using Microsoft.Playwright;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright, with a fake microphone that plays a WAV (looped) and the page's
/// console errors collected: the browser the voice-page tests share.
/// </summary>
internal sealed class VoicePageBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private VoicePageBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public static string OutputDirectory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "e2e-output");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    /// <summary>Starts Chromium with <paramref name="microphoneWav"/> as the microphone and opens a page allowed to use it on <paramref name="origin"/>.</summary>
    public static async Task<VoicePageBrowser> LaunchAsync(string microphoneWav, Uri origin)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps.sh (apt package chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={microphoneWav}", "--autoplay-policy=no-user-gesture-required",

                // WebRTC on loopback only: host candidates on 127.0.0.1, no mDNS names in their place.
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
            ],
        });
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["microphone"], new BrowserContextGrantPermissionsOptions { Origin = origin.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        var session = new VoicePageBrowser(playwright, browser, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add($"{message.Text} at {message.Location}");
            }
        };
        return session;
    }

    /// <summary>Waits; on a timeout, fails with what the page showed and which events it had received.</summary>
    public async Task WithContextAsync(string phase, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException ex)
        {
            var transcript = await Page.InnerTextAsync("#transcript");
            var status = await Page.InnerTextAsync("#status");
            var events = await Page.EvaluateAsync<string>("() => window.realtimeGrains.events.join(',')");
            throw new TimeoutException($"{phase}: status '{status}', transcript '{transcript}', events {events}, console errors [{string.Join("; ", ConsoleErrors)}]", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

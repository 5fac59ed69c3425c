using Microsoft.Playwright;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>
/// The sample page in Debian's Chromium (headless, driven by Playwright) with a fake microphone that plays a
/// tone-coded WAV the simulator "hears": audio in → transcript and audio out; a reload resumes the conversation.
/// </summary>
public sealed class VoicePageTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Spoken = "hello from the browser";
    private const float Deadline = 45_000;

    [Fact]
    public async Task Page_SpeechIn_ProducesTranscriptAndAudioOut_AndReloadResumesConversation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/install-test-deps.sh (apt package chromium).");
        var outputDirectory = Path.Combine(AppContext.BaseDirectory, "e2e-output");
        Directory.CreateDirectory(outputDirectory);
        var wav = Path.Combine(outputDirectory, "microphone.wav");

        // Chromium loops the file: the trailing silence lets the ~3 s reply finish before the speech repeats (a barge-in).
        WavFile.Write(wav, [.. Pcm16.Silence(600), .. ToneCode.Encode(Spoken), .. Pcm16.Silence(7000)]);

        await using var server = await HostServer.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={wav}", "--autoplay-policy=no-user-gesture-required",
            ],
        });
        var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["microphone"], new BrowserContextGrantPermissionsOptions { Origin = server.BaseUri.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} at {message.Location}");
            }
        };

        await page.GotoAsync(server.BaseUri.ToString());
        await page.ClickAsync("#start");

        var reply = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken });
        await WithContextAsync(page, "first reply", () => reply.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        var heard = page.Locator("#transcript li.user", new PageLocatorOptions { HasText = Spoken });
        await heard.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });
        await page.WaitForFunctionAsync("() => window.realtimeGrains.audio.stats.chunksPlayed > 0", null, new PageWaitForFunctionOptions { Timeout = Deadline });
        var sessionId = await page.InnerTextAsync("#session");
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "voice-page.png"), FullPage = true });

        Assert.StartsWith("sess_", sessionId, StringComparison.Ordinal);
        Assert.True(await reply.First.IsVisibleAsync(), "the reply's transcript is visible on the page");
        Assert.True(screenshot.Length > 1000);
        Assert.True(await page.EvaluateAsync<int>("() => window.realtimeGrains.audio.stats.chunksSent") > 0, "microphone chunks were streamed");

        await page.ReloadAsync();
        var resumedReply = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken });
        await WithContextAsync(page, "resumed reply", () => resumedReply.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.Locator("#transcript li.user", new PageLocatorOptions { HasText = Spoken }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "voice-page-resumed.png"), FullPage = true });

        Assert.Equal(sessionId, await page.InnerTextAsync("#session"));

        // In a new session (no reply of the looping microphone in flight), a typed question the silo answers with its
        // get_weather tool grain: the call is shown, then the answer.
        await page.ClickAsync("#new");
        await page.FillAsync("#text", "what is the weather in Paris");
        await page.ClickAsync("#text-form button[type=submit]");
        var tool = page.Locator("#tools li", new PageLocatorOptions { HasText = "get_weather" });
        await WithContextAsync(page, "tool call", () => tool.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        var answer = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "in Paris." });
        await WithContextAsync(page, "tool answer", () => answer.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "voice-page-tool.png"), FullPage = true });

        Assert.Contains("Paris", await tool.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    /// <summary>On a timeout, fails with what the page showed and which events it had received.</summary>
    private static async Task WithContextAsync(IPage page, string phase, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException ex)
        {
            var transcript = await page.InnerTextAsync("#transcript");
            var status = await page.InnerTextAsync("#status");
            var events = await page.EvaluateAsync<string>("() => window.realtimeGrains.events.join(',')");
            throw new TimeoutException($"{phase}: status '{status}', transcript '{transcript}', events {events}", ex);
        }
    }
}

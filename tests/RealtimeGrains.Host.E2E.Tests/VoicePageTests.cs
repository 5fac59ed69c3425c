using Microsoft.Playwright;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>
/// The sample page in Debian's Chromium (headless, driven by Playwright) with a fake microphone that plays a
/// tone-coded WAV the simulator "hears": audio in → transcript and audio out; a reload resumes the conversation.
/// </summary>
public sealed class VoicePageTests
{
    private const string Spoken = "hello from the browser";
    private const float Deadline = 45_000;

    [Fact]
    public async Task Page_SpeechIn_ProducesTranscriptAndAudioOut_AndReloadResumesConversation()
    {
        var outputDirectory = VoicePageBrowser.OutputDirectory;
        var wav = Path.Combine(outputDirectory, "microphone.wav");

        // Chromium loops the file: the trailing silence lets the ~3 s reply finish before the speech repeats (a barge-in).
        WavFile.Write(wav, [.. Pcm16.Silence(600), .. ToneCode.Encode(Spoken), .. Pcm16.Silence(7000)]);

        await using var server = await HostServer.StartAsync();
        await using var browser = await VoicePageBrowser.LaunchAsync(wav, server.BaseUri);
        var page = browser.Page;

        await page.GotoAsync(server.BaseUri.ToString());
        await page.ClickAsync("#start");

        var reply = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken });
        await browser.WithContextAsync("first reply", () => reply.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
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
        await browser.WithContextAsync("resumed reply", () => resumedReply.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.Locator("#transcript li.user", new PageLocatorOptions { HasText = Spoken }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "voice-page-resumed.png"), FullPage = true });

        Assert.Equal(sessionId, await page.InnerTextAsync("#session"));

        // In a new session (no reply of the looping microphone in flight), a typed question the silo answers with its
        // get_weather tool grain: the call is shown, then the answer.
        await page.ClickAsync("#new");
        await page.FillAsync("#text", "what is the weather in Paris");
        await page.ClickAsync("#text-form button[type=submit]");
        var tool = page.Locator("#tools li", new PageLocatorOptions { HasText = "get_weather" });
        await browser.WithContextAsync("tool call", () => tool.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        var answer = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "in Paris." });
        await browser.WithContextAsync("tool answer", () => answer.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outputDirectory, "voice-page-tool.png"), FullPage = true });

        Assert.Contains("Paris", await tool.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(browser.ConsoleErrors);
    }
}

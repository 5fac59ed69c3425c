using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RealtimeGrains.Sessions;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>
/// The sample page's WebRTC mode in Debian's Chromium: media browser ↔ the simulator's WebRTC front directly, events on the
/// data channel, the session grain on the call's sideband (server tools, persistence, resume), the page holding no key.
/// </summary>
public sealed class WebRtcPageTests
{
    private const string Spoken = "hello from the browser";
    private const float Deadline = 45_000;

    [Fact]
    public async Task WebRtcMode_SpeechIn_AudibleReplyAndTranscript_ServerToolHiddenFromPage_ReloadResumes()
    {
        await using var server = await HostServer.StartAsync();
        await using var browser = await StartTalkingAsync(server, "microphone-webrtc.wav", trailingSilenceMs: 7000);
        var page = browser.Page;

        var reply = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken });
        await browser.WithContextAsync("first reply", () => reply.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.Locator("#transcript li.user", new PageLocatorOptions { HasText = Spoken }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });

        // The reply's audio came over the media track and is sound, not silence.
        await browser.WithContextAsync("reply audio", () => page.WaitForFunctionAsync(
            "() => window.realtimeGrains.call && window.realtimeGrains.call.stats.loudFrames > 10", null, new PageWaitForFunctionOptions { Timeout = Deadline }));
        Assert.True(await page.EvaluateAsync<double>("() => window.realtimeGrains.call.stats.maxRms") > 0.02, "the reply audio is not silent");
        var sessionId = await page.InnerTextAsync("#session");
        Assert.StartsWith("sess_", sessionId, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VoicePageBrowser.OutputDirectory, "webrtc-page.png"), FullPage = true });

        // A server tool: the grain runs get_weather through the sideband; the page sees only the spoken answer. Asked once
        // the first reply has played out (the service's output_audio_buffer.stopped), with the microphone off.
        await page.ClickAsync("#stop");
        await browser.WithContextAsync("reply played out", () => page.WaitForFunctionAsync(
            "() => window.realtimeGrains.events.includes('output_audio_buffer.stopped')", null, new PageWaitForFunctionOptions { Timeout = Deadline }));
        await page.FillAsync("#text", "what is the weather in Paris");
        await page.ClickAsync("#text-form button[type=submit]");
        var answer = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "in Paris." });
        await browser.WithContextAsync("tool answer", () => answer.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));

        var messages = await page.EvaluateAsync<string[]>("() => window.realtimeGrains.call.stats.messages");
        Assert.NotEmpty(messages);
        Assert.DoesNotContain(messages, m => m.Contains("get_weather", StringComparison.Ordinal) || m.Contains("function_call", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("#tools li").CountAsync());
        var grain = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IRealtimeSessionGrain>(sessionId);
        var conversation = await grain.GetConversationAsync();
        Assert.Contains(conversation.Items, i => i.Type == "function_call" && i.Name == "get_weather");
        Assert.Contains(conversation.Items, i => i.Type == "function_call_output");

        // Reload: a new call for the same session; the grain replays the conversation through the new call's sideband.
        await page.ReloadAsync();
        var resumed = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "in Paris." });
        await browser.WithContextAsync("resumed conversation", () => resumed.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        await page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline });
        Assert.Equal(sessionId, await page.InnerTextAsync("#session"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VoicePageBrowser.OutputDirectory, "webrtc-page-resumed.png"), FullPage = true });

        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task WebRtcMode_SpeakingOverTheReply_ServiceClearsOutputAndAudioStops()
    {
        // The speech repeats 1.5 s after it ends: about a second into the ~3 s reply, the user talks over it.
        await using var server = await HostServer.StartAsync();
        await using var browser = await StartTalkingAsync(server, "microphone-webrtc-bargein.wav", trailingSilenceMs: 1500);
        var page = browser.Page;

        await browser.WithContextAsync("output cleared", () => page.WaitForFunctionAsync(
            "() => window.realtimeGrains.call && window.realtimeGrains.call.stats.clearedAt > 0", null, new PageWaitForFunctionOptions { Timeout = Deadline }));

        // After the clear the reply's audio stops: a quiet stretch follows at once (the next reply waits for the user to finish).
        await browser.WithContextAsync("quiet after the clear", () => page.WaitForFunctionAsync(
            "() => { const s = window.realtimeGrains.call.stats; return performance.now() - Math.max(s.lastLoudAt, s.clearedAt) > 500; }",
            null, new PageWaitForFunctionOptions { Timeout = Deadline, PollingInterval = 50 }));
        var loudAfterClearMs = await page.EvaluateAsync<double>("() => window.realtimeGrains.call.stats.lastLoudAt - window.realtimeGrains.call.stats.clearedAt");
        var wasLoud = await page.EvaluateAsync<bool>("() => window.realtimeGrains.call.stats.loudFrames > 0");
        Assert.True(wasLoud, "the reply was audible before the user talked over it");
        Assert.True(loudAfterClearMs < 1000, $"the reply kept sounding {loudAfterClearMs:F0} ms after the clear");
        Assert.Contains("input_audio_buffer.speech_started", await page.EvaluateAsync<string[]>("() => window.realtimeGrains.events"));
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task WebRtcMode_CallEndedByTheServicesTimeLimit_PageCallsAgain_AndTheConversationCarriesOn()
    {
        // Calls end after 15 s (Azure's limit is 30 minutes): the page makes a new call for the session, the grain primes it.
        await using var server = await HostServer.StartAsync(new Dictionary<string, string?> { ["RealtimeSimulator:MaxSessionDuration"] = "00:00:15" });
        await using var browser = await StartTalkingAsync(server, "microphone-webrtc-limit.wav", trailingSilenceMs: 7000);
        var page = browser.Page;
        var replies = page.Locator("#transcript li.assistant", new PageLocatorOptions { HasText = "You said: " + Spoken });
        await browser.WithContextAsync("first reply", () => replies.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Deadline }));
        var sessionId = await page.InnerTextAsync("#session");

        await browser.WithContextAsync("a new call", () => page.WaitForFunctionAsync(
            "() => window.realtimeGrains.events.includes('call:resumed')", null, new PageWaitForFunctionOptions { Timeout = Deadline }));

        // The microphone carries on in the new call: a later turn is answered there, the earlier lines kept (replayed, not doubled).
        await browser.WithContextAsync("a reply in the new call", () => page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#transcript li.assistant')].filter(li => li.textContent.includes('You said: hello from the browser')).length >= 2",
            null, new PageWaitForFunctionOptions { Timeout = Deadline }));
        Assert.Equal(sessionId, await page.InnerTextAsync("#session"));
        var calls = server.Services.GetRequiredService<ISimulatorInspector>().Calls;
        Assert.True(calls.Count >= 2, $"{calls.Count} calls");
        Assert.NotNull(calls[0].EndReason);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task CallsEndpoint_RefusesTokenMisuse_BeforeAnyOfferReachesTheService()
    {
        await using var server = await HostServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        const string Offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

        async Task<HttpResponseMessage> PostOfferAsync(string? token, string body = Offer, string contentType = "application/sdp")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/calls") { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return await http.SendAsync(request);
        }

        var minted = await MintAsync(http);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostOfferAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostOfferAsync("not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostOfferAsync(minted[..^2] + (minted[^2] == 'A' ? "B" : "A") + minted[^1])).StatusCode);

        // A malformed offer is refused without spending the token; the token then works once, and never again.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostOfferAsync(minted, "hello")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostOfferAsync(minted, Offer, "text/plain")).StatusCode);
        var spent = await PostOfferAsync(minted);
        Assert.Equal(HttpStatusCode.BadRequest, spent.StatusCode); // it reached the service, which refused this fake offer
        var replayed = await PostOfferAsync(minted);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        using var error = JsonDocument.Parse(await replayed.Content.ReadAsStringAsync());
        Assert.Equal("invalid_api_key", error.RootElement.GetProperty("error").GetProperty("code").GetString());

        // No call was ever made: the refused requests stopped at the gateway, the one genuine offer failed at the service.
        Assert.Empty(server.Services.GetRequiredService<ISimulatorInspector>().Calls);
    }

    /// <summary>Chromium on the page in WebRTC mode, the microphone on: a WAV of <see cref="Spoken"/>, then silence, looped.</summary>
    private static async Task<VoicePageBrowser> StartTalkingAsync(HostServer server, string wavName, int trailingSilenceMs)
    {
        var wav = Path.Combine(VoicePageBrowser.OutputDirectory, wavName);
        WavFile.Write(wav, [.. Pcm16.Silence(600), .. ToneCode.Encode(Spoken), .. Pcm16.Silence(trailingSilenceMs)]);
        var browser = await VoicePageBrowser.LaunchAsync(wav, server.BaseUri);
        await browser.Page.GotoAsync(server.BaseUri.ToString());
        await browser.Page.SelectOptionAsync("#mode", "webrtc");
        await browser.Page.ClickAsync("#start");
        return browser;
    }

    private static async Task<string> MintAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/sample/token", new StringContent("{}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("client_secret").GetProperty("value").GetString()!;
    }
}

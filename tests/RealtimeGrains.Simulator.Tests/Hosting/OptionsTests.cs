using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Hosting;

public sealed class OptionsTests
{
    [Fact]
    public async Task InvalidOptions_FailAtStart_NamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorServer.StartAsync(o =>
        {
            o.AudioChunkMs = 5;
            o.SpeedFactor = -1;
        }));

        Assert.Contains("RealtimeSimulator:AudioChunkMs", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:SpeedFactor", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidKeepAlive_FailsAtStart_NamingTheSetting()
    {
        var timeoutWithoutPings = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.Zero;
            o.KeepAliveTimeout = TimeSpan.FromSeconds(5);
        }));
        var negative = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(-1);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(-2);
        }));

        Assert.Contains("RealtimeSimulator:KeepAliveTimeout (00:00:05) requires a positive RealtimeSimulator:KeepAliveInterval", timeoutWithoutPings.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:KeepAliveInterval must be positive", negative.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:KeepAliveTimeout must be positive", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepAlive_DefaultsToHeartbeatsWithoutTimeout_AndBindsFromConfiguration()
    {
        var defaults = new SimulatorOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.KeepAliveInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, defaults.KeepAliveTimeout);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RealtimeSimulator:KeepAliveInterval"] = "00:00:02",
            ["RealtimeSimulator:KeepAliveTimeout"] = "00:00:03.5",
        }).Build();
        SimulatorOptions? bound = null;
        // As the standalone server binds its options.
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            configuration.GetSection(SimulatorOptions.SectionName).Bind(o);
            bound = o;
        });

        Assert.Equal(TimeSpan.FromSeconds(2), bound!.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(3.5), bound.KeepAliveTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task KeepAliveSwitchedOff_StillServesSessions(int intervalMs)
    {
        // Zero and Timeout.InfiniteTimeSpan (-1 ms) both mean "no keep-alive frames" and must pass through to the accept.
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(intervalMs);
            o.KeepAliveTimeout = TimeSpan.Zero;
        });
        await using var client = await ConnectAzurePreviewAsync(server);

        await client.ReceiveUntilAsync("session.created");
    }

    [Fact]
    public async Task ScriptFile_RulesAnswerTheConversation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "rules": [ { "contains": "opening hours", "reply": "We open at nine." } ] }""");
        try
        {
            await using var server = await SimulatorServer.StartAsync(o => o.ScriptFilePath = path);
            await using var client = await ConnectAzurePreviewAsync(server);
            await client.ReceiveUntilAsync("conversation.created");

            await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"What are your opening hours?"}]}}""");
            await client.SendAsync("""{"type":"response.create","response":{"modalities":["text"]}}""");
            var text = await client.ReceiveUntilAsync("response.text.done");

            Assert.Equal("We open at nine.", (string?)text["text"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task MaxOutputTokens_CutsTheReply_AndMarksTheResponseIncomplete()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"a question long enough to need many tokens"}]}}""");
        await client.SendAsync("""{"type":"response.create","response":{"modalities":["text"],"max_response_output_tokens":2}}""");
        var done = (await client.ReceiveUntilAsync("response.done"))["response"]!;

        Assert.Equal("incomplete", (string?)done["status"]);
        Assert.Equal("max_output_tokens", (string?)done["status_details"]!["reason"]);
        Assert.Equal("You said", (string?)done["output"]![0]!["content"]![0]!["text"]);
    }
}

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

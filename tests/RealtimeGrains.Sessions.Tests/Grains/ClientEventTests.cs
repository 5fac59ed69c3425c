using System.Text;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Protocol events forwarded by a Realtime-speaking client (through a gateway).</summary>
public sealed class ClientEventTests
{
    [Fact]
    public async Task ForwardedEvents_ReachUpstream_AndTheConversationFollows_BadOnesGetAnError()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("forward-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        var create = await session.ForwardClientEventAsync(Encoding.UTF8.GetBytes(
            """{"type":"conversation.item.create","item":{"id":"item_client1","type":"message","role":"user","content":[{"type":"input_text","text":"from the client"}]}}""")).Within("forward item");
        var respond = await session.ForwardClientEventAsync(Encoding.UTF8.GetBytes("""{"type":"response.create","response":{"output_modalities":["text"]}}""")).Within("forward response.create");
        await observer.WaitForEventAsync("response.done");
        var retrieve = await session.ForwardClientEventAsync(Encoding.UTF8.GetBytes("""{"type":"conversation.item.retrieve","item_id":"item_client1"}""")).Within("forward retrieve");
        var retrieved = await observer.WaitForEventAsync("conversation.item.retrieved");
        var broken = await session.ForwardClientEventAsync(Encoding.UTF8.GetBytes("""{"type":"response.create" """)).Within("forward broken JSON");
        var update = await session.ForwardClientEventAsync(Encoding.UTF8.GetBytes("""{"type":"session.update","session":{"type":"realtime","instructions":"x"}}""")).Within("forward session.update");

        Assert.True(create.Accepted && respond.Accepted && retrieve.Accepted);
        Assert.Equal("item_client1", (string?)RecordingObserver.Json(retrieved)["item"]!["id"]);
        Assert.Equal((false, "invalid_json"), (broken.Accepted, broken.Code));
        Assert.Equal((false, "unsupported_event"), (update.Accepted, update.Code));
        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Equal(["item_client1", "You said: from the client"], [items[0].Id, items[1].Words!]);
        Assert.Contains("response.output_text.delta", observer.ServerEventTypes);
    }
}

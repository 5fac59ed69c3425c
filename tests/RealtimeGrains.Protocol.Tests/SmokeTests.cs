using System.Text;
using System.Text.Json.Nodes;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Protocol.Tests;

public class SmokeTests
{
    [Fact]
    public void Seed_SessionCreated_RoundTrips()
    {
        var json = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Samples", "beta-server.jsonl"))[0];
        var result = RealtimeProtocol.ParseServerEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var created = Assert.IsType<SessionCreatedEvent>(result.Event);
        Assert.Equal("verse", created.Session!.Voice);
        var beta = RealtimeProtocol.ToJsonString(created, ProtocolDialect.Beta)!;
        var ga = RealtimeProtocol.ToJsonString(created, ProtocolDialect.GA)!;
        Console.WriteLine(beta);
        Console.WriteLine(ga);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(beta)), beta);
        var back = RealtimeProtocol.ParseServerEvent(Encoding.UTF8.GetBytes(ga), ProtocolDialect.GA);
        Assert.True(back.IsSuccess, back.Error?.ToString());
        Assert.Empty(back.UnknownFields);
    }
}

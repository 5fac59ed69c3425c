using System.Text.RegularExpressions;

namespace RealtimeGrains.Protocol.Tests.Ids;

public partial class ProtocolIdsTests
{
    [GeneratedRegex("^event_[A-Za-z0-9]{21}$")]
    private static partial Regex EventIdPattern();

    [Fact]
    public void EventId_IsEventUnderscorePlus21Alphanumerics_AndUnique()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => ProtocolIds.NewEventId()).ToList();
        Assert.All(ids, id => Assert.Matches(EventIdPattern(), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void EveryKind_HasItsPrefix()
    {
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewItemId(), "item_"));
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewResponseId(), "resp_"));
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewCallId(), "call_"));
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewSessionId(), "sess_"));
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewConversationId(), "conv_"));
        Assert.True(ProtocolIds.HasPrefix(ProtocolIds.NewEphemeralKey(), "ek_"));
    }

    [Theory]
    [InlineData("item_", "item_")]
    [InlineData("item_abc-1", "item_")]
    [InlineData("resp_abc", "item_")]
    [InlineData(null, "item_")]
    public void HasPrefix_RejectsWrongShapes(string? id, string prefix) => Assert.False(ProtocolIds.HasPrefix(id, prefix));
}

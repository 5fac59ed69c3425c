using System.Text.Json.Nodes;

namespace RealtimeGrains.Protocol.Tests.Samples;

public static class JsonAssert
{
    /// <summary>Semantic JSON equality (property order ignored), with both documents in the failure message.</summary>
    public static void Equivalent(string expected, string? actual)
    {
        Assert.NotNull(actual);
        var equal = JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(equal, $"JSON differs.\nexpected: {expected}\nactual:   {actual}");
    }
}

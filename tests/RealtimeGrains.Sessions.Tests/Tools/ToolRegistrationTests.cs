using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Samples.Tools.Orders;
using RealtimeGrains.Sessions.Tools;

namespace RealtimeGrains.Sessions.Tests.Tools;

public sealed class ToolRegistrationTests
{
    [Fact]
    public void AddRealtimeTool_GeneratesSchemaFromParametersRecord()
    {
        var services = new ServiceCollection();
        services.AddRealtimeTool<IOrderTool, OrderRequest>("manage_order", "Orders.");

        var definition = services.BuildServiceProvider().GetRequiredService<RealtimeToolDefinition>();

        var schema = definition.ParametersSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(["orderId", "action", "item"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("The order number, for example A-1001", schema.GetProperty("properties").GetProperty("orderId").GetProperty("description").GetString());
        Assert.Equal(["orderId", "action"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("""{"orderId":"A-1"}""", "A-1", null)]
    [InlineData("""{"orderId":42}""", "42", null)]
    [InlineData("""{"other":"x"}""", null, "The argument 'orderId' is required.")]
    [InlineData("""not json""", null, "The arguments are not valid JSON.")]
    public void FromArgument_ResolvesKeyOrExplains(string arguments, string? key, string? error)
    {
        var resolved = ToolKey.FromArgument("orderId").Resolve("manage_order", "session-1", arguments, out var why);

        Assert.Equal((key, error), (resolved, why));
    }

    [Fact]
    public void OtherStrategies_UseSessionOrToolName()
    {
        Assert.Equal("s", ToolKey.PerSession.Resolve("t", "s", "{}", out _));
        Assert.Equal("t", ToolKey.Singleton.Resolve("t", "s", "{}", out _));
        Assert.Equal("t", ToolKey.StatelessWorker.Resolve("t", "s", "{}", out _));
    }

    [Fact]
    public void ErrorOutput_IsStructuredJson()
    {
        using var document = JsonDocument.Parse(ToolDispatcher.Error("timeout", "Took \"too\" long."));

        Assert.Equal("timeout", document.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("Took \"too\" long.", document.RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}

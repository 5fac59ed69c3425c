using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using RealtimeGrains.Samples.Tools.Orders;
using RealtimeGrains.Samples.Tools.Weather;
using RealtimeGrains.Sessions.Tools;

namespace RealtimeGrains.Samples.Tools;

/// <summary>Registers the two sample tools with a silo.</summary>
public static class SampleToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>get_weather</c> (stateless worker, schema from <see cref="WeatherQuery"/>) and <c>manage_order</c>
    /// (one grain per order, keyed by the <c>orderId</c> argument, schema from <see cref="OrderRequest"/>).
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSampleTools(this IServiceCollection services)
    {
        services.AddRealtimeTool<IWeatherTool, WeatherQuery>("get_weather", "Gets the current weather of a city.", o =>
        {
            o.Key = ToolKey.StatelessWorker;
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        services.AddRealtimeTool<IOrderTool, OrderRequest>("manage_order", "Reads, adds to or cancels a customer's order.", o =>
        {
            o.Key = ToolKey.FromArgument("orderId");
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => o.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, SamplesJsonContext.Default));
        return services;
    }
}

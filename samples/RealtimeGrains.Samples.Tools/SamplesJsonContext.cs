using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Samples.Tools.Orders;
using RealtimeGrains.Samples.Tools.Weather;

namespace RealtimeGrains.Samples.Tools;

/// <summary>Source-generated JSON for the samples' arguments, outputs and state (web naming: camelCase, as the schema says).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WeatherQuery))]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(OrderSummary))]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(string))]
internal sealed partial class SamplesJsonContext : JsonSerializerContext;

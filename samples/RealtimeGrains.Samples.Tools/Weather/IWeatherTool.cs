using RealtimeGrains.Tools;

namespace RealtimeGrains.Samples.Tools.Weather;

/// <summary>A stateless lookup tool: the current weather of a city.</summary>
[Alias("RealtimeGrains.Samples.Tools.Weather.IWeatherTool")]
public interface IWeatherTool : IToolGrain;

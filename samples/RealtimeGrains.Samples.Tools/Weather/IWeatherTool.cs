using RealtimeGrains.Tools;

namespace RealtimeGrains.Samples.Tools.Weather;

/// <summary>A stateless lookup tool: the current weather of a city.</summary>
public interface IWeatherTool : IToolGrain;

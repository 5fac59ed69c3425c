using System.ComponentModel;

namespace RealtimeGrains.Samples.Tools.Weather;

/// <summary>The arguments of <c>get_weather</c>; the JSON schema the model sees is generated from this record.</summary>
/// <param name="City">The city to look up.</param>
/// <param name="Unit">"celsius" or "fahrenheit".</param>
public sealed record WeatherQuery(
    [property: Description("The city, for example Paris")] string City,
    [property: Description("celsius or fahrenheit")] string? Unit = null);

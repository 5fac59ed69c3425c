using System.Globalization;
using System.Text.Json;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Samples.Tools.Weather;

/// <summary>
/// A stateless worker: any number of local activations answer calls in parallel. The "forecast" is made up
/// deterministically from the city name, standing in for a call to a weather service.
/// </summary>
[StatelessWorker]
[GrainType("RealtimeGrains.Samples.Tools.Weather.IWeatherTool")]
public sealed class WeatherTool : Grain, IWeatherTool
{
    /// <inheritdoc />
    public Task<ToolResult> InvokeAsync(ToolCall toolCall, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolCall);
        WeatherQuery? query;
        try
        {
            query = JsonSerializer.Deserialize(toolCall.Arguments, SamplesJsonContext.Default.WeatherQuery);
        }
        catch (JsonException)
        {
            return Task.FromResult(ToolResult.Failure("The arguments are not valid JSON."));
        }

        if (string.IsNullOrWhiteSpace(query?.City))
        {
            return Task.FromResult(ToolResult.Failure("Which city? The argument 'city' is required."));
        }

        var celsius = 5 + (Math.Abs(StringComparer.OrdinalIgnoreCase.GetHashCode(query.City.Trim())) % 25);
        var fahrenheit = query.Unit?.Equals("fahrenheit", StringComparison.OrdinalIgnoreCase) == true;
        var temperature = fahrenheit ? (celsius * 9 / 5) + 32 : celsius;
        var output = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"city\":{JsonSerializer.Serialize(query.City, SamplesJsonContext.Default.String)},\"temperature\":{temperature},\"unit\":\"{(fahrenheit ? "fahrenheit" : "celsius")}\",\"sky\":\"{(celsius % 2 == 0 ? "sunny" : "cloudy")}\"}}");
        return Task.FromResult(ToolResult.Success(output));
    }
}

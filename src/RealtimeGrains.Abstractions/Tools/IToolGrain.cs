namespace RealtimeGrains.Tools;

/// <summary>
/// A tool the model can call, implemented as a grain. Declare your own interface that derives from this
/// one (<c>public interface IWeatherTool : IToolGrain;</c>), implement it on an Orleans <c>Grain</c>, and register
/// it with the session host (<c>AddRealtimeTool&lt;IWeatherTool, WeatherQuery&gt;("get_weather", "…")</c>).
/// The session grain calls <see cref="InvokeAsync"/> once per function call of the model.
/// </summary>
[Alias("RealtimeGrains.Tools.IToolGrain")]
public interface IToolGrain : IGrainWithStringKey
{
    /// <summary>Runs one function call.</summary>
    /// <param name="toolCall">The call: session id, call id, tool name and the model's JSON arguments.</param>
    /// <param name="cancellationToken">Cancelled when the tool's timeout passes.</param>
    /// <returns>The output the model will read (a JSON document is best), or a failure.</returns>
    [Alias("InvokeAsync")]
    Task<ToolResult> InvokeAsync(ToolCall toolCall, CancellationToken cancellationToken = default);
}

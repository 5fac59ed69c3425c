using System.CommandLine;
using System.CommandLine.Parsing;

namespace RealtimeGrains.LoadGen;

/// <summary>The scenario options shared by <c>run</c> and <c>compare</c>.</summary>
internal sealed class ScenarioOptionSet
{
    private static readonly ScenarioOptions Defaults = new();

    public Option<TimeSpan> RampUp { get; } = Duration("--ramp-up", "Time over which sessions start (e.g. 10s).", Defaults.RampUp);

    public Option<TimeSpan> Hold { get; } = Duration("--hold", "Measured time with every session running (e.g. 30s, 2m).", Defaults.Hold);

    public Option<TimeSpan> RampDown { get; } = Duration("--ramp-down", "Time over which sessions stop.", Defaults.RampDown);

    public Option<int> ChunkMs { get; } = new("--chunk-ms") { Description = "Input audio chunk length, 20-100 ms, sent at real-time pace.", DefaultValueFactory = _ => Defaults.ChunkMs };

    public Option<int> BargeIn { get; } = new("--barge-in") { Description = "Percent of turns in which the caller speaks again during the reply.", DefaultValueFactory = _ => Defaults.BargeInPercent };

    public Option<int> Tools { get; } = new("--tools") { Description = "Percent of turns that ask a question answered through a tool call.", DefaultValueFactory = _ => Defaults.ToolPercent };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the callers' scripts (same seed = same conversations on every path).", DefaultValueFactory = _ => Defaults.Seed };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { RampUp, Hold, RampDown, ChunkMs, BargeIn, Tools, Seed })
        {
            command.Options.Add(option);
        }
    }

    public ScenarioOptions Bind(ParseResult result, int sessions) => new()
    {
        Sessions = sessions,
        RampUp = result.GetValue(RampUp),
        Hold = result.GetValue(Hold),
        RampDown = result.GetValue(RampDown),
        ChunkMs = result.GetValue(ChunkMs),
        BargeInPercent = result.GetValue(BargeIn),
        ToolPercent = result.GetValue(Tools),
        Seed = result.GetValue(Seed),
    };

    private static Option<TimeSpan> Duration(string name, string description, TimeSpan fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = Parse,
    };

    private static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DurationParser.TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration (use 500ms, 30s, 2m or 1h).");
        return default;
    }
}

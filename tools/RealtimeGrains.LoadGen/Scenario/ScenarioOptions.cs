namespace RealtimeGrains.LoadGen;

/// <summary>The shape of one load phase: how many sessions, how they ramp, how they talk.</summary>
internal sealed record ScenarioOptions
{
    /// <summary>Concurrent sessions at the hold.</summary>
    public int Sessions { get; init; } = 100;

    /// <summary>Sessions start evenly spread over this time.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The measured window with every session running.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sessions stop evenly spread over this time.</summary>
    public TimeSpan RampDown { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Input audio chunk length (20–100 ms), sent at real-time pace.</summary>
    public int ChunkMs { get; init; } = 100;

    /// <summary>Share of turns (0–100) in which the user speaks again during the reply.</summary>
    public int BargeInPercent { get; init; } = 10;

    /// <summary>Share of turns (0–100) that ask a question the model answers with a tool call.</summary>
    public int ToolPercent { get; init; } = 10;

    /// <summary>Seed of every session's script, so each path hears the same conversation.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>A session whose output audio ever arrives later than this behind real time did not keep up.</summary>
    public double FallBehindMs { get; init; } = 250;

    /// <summary>The first problem with these values, naming the option, or null.</summary>
    public string? Validate()
    {
        if (Sessions is < 1 or > 20_000)
        {
            return "--sessions must be between 1 and 20000.";
        }

        if (ChunkMs is < 20 or > 100)
        {
            return "--chunk-ms must be between 20 and 100.";
        }

        if (BargeInPercent is < 0 or > 100)
        {
            return "--barge-in must be a percentage (0-100).";
        }

        if (ToolPercent is < 0 or > 100 || BargeInPercent + ToolPercent > 100)
        {
            return "--tools must be a percentage (0-100) and --barge-in + --tools at most 100.";
        }

        if (Hold <= TimeSpan.Zero || Hold > TimeSpan.FromHours(1))
        {
            return "--hold must be between 1 s and 1 h.";
        }

        if (RampUp < TimeSpan.Zero || RampUp > TimeSpan.FromMinutes(10) || RampDown < TimeSpan.Zero || RampDown > TimeSpan.FromMinutes(10))
        {
            return "--ramp-up and --ramp-down must be between 0 and 10 min.";
        }

        return null;
    }
}

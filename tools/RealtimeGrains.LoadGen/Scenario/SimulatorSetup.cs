using RealtimeGrains.Simulator;

namespace RealtimeGrains.LoadGen;

/// <summary>How the load generator's simulator is set up: real-time pace, no session records, the tool rule.</summary>
internal static class SimulatorSetup
{
    /// <summary>The simulator's API key (loopback only; the gateway and the relay present it upstream).</summary>
    public const string ApiKey = "loadgen-simulator-key";

    /// <summary>The function tool every session declares; the simulator calls it for <see cref="SpeechAudio.ToolPhrase"/>.</summary>
    public const string ToolName = "get_time";

    /// <summary>The model name used on every path.</summary>
    public const string Model = "gpt-realtime";

    public static void Configure(SimulatorOptions options)
    {
        options.ApiKeys.Add(ApiKey);
        options.RecordSessions = false;
        options.SpeedFactor = 1;
        options.AudioChunkMs = 100;
        var rule = new ScriptRule { Contains = "time", AfterToolReply = "It is {output}." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = ToolName, Arguments = "{}" });
        options.Rules.Add(rule);
    }
}

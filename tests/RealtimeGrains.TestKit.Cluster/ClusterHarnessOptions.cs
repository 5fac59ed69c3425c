using RealtimeGrains.Simulator;

namespace RealtimeGrains.TestKit.Cluster;

/// <summary>Settings of a <see cref="ClusterHarness"/>.</summary>
public sealed class ClusterHarnessOptions
{
    /// <summary>Simulator pacing: 0 = as fast as possible (tests), 1 = real time (benchmarks). Default 0.</summary>
    public double SimulatorSpeedFactor { get; init; }

    /// <summary>
    /// Ping interval of the simulator's sockets. With <see cref="SimulatorKeepAliveTimeout"/> a frozen silo's upstream sockets
    /// are dropped within about interval + timeout — inside the silo lease (3 s), as the design requires of the upstream.
    /// Default 500 ms.
    /// </summary>
    public TimeSpan SimulatorKeepAliveInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the simulator waits for a pong. Default 1 s.</summary>
    public TimeSpan SimulatorKeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Script rules of the simulator (tool calls).</summary>
    public IReadOnlyList<ScriptRule> Rules { get; init; } = [];

    /// <summary>More settings for every silo.</summary>
    public IReadOnlyList<string> ExtraSiloArguments { get; init; } = [];

    /// <summary>Deadline for a silo to answer HTTP after it starts. Default 60 s.</summary>
    public TimeSpan ReadyDeadline { get; init; } = TimeSpan.FromSeconds(60);
}

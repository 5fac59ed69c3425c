using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Clients;

/// <summary>
/// Short real runs (5 sessions, a few seconds, real-time pace) against the simulator on loopback. They check that the
/// conversation and its measurements work, not how fast: lateness up to 5 s still counts as sustained here, because the
/// whole test suite shares the machine (performance figures come from the compare command, not from tests).
/// </summary>
public sealed class LoadPhaseTests
{
    private static readonly ScenarioOptions Small = new()
    {
        Sessions = 5,
        RampUp = TimeSpan.FromMilliseconds(500),
        Hold = TimeSpan.FromSeconds(5),
        RampDown = TimeSpan.FromMilliseconds(200),
        BargeInPercent = 0,
        ToolPercent = 0,
        FallBehindMs = 5000,
    };

    [Fact]
    public async Task Phase_DirectToSimulator_EverySessionCompletesTurnsInTime()
    {
        await using var servers = await LoopbackServers.StartAsync(withRelay: false);
        var phase = new LoadPhase(LoadPaths.Direct, SessionTarget.Direct(servers.Simulator, SimulatorSetup.ApiKey), Small, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(5, result.Connected);
        Assert.Equal(5, result.Sustained);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Turns >= 5, $"turns {result.Turns}");
        Assert.True(result.FirstAudioCount >= 5, $"first-audio samples {result.FirstAudioCount}");

        // Server VAD answers only after 200 ms of silence, at least one more 100 ms chunk after the last speech chunk:
        // a first-audio time near zero would mean the measurement is broken.
        Assert.InRange(result.FirstAudioP50, 20, 15_000);
        Assert.True(result.AudioDeltas > 20, $"audio deltas {result.AudioDeltas}");
        Assert.Equal(0, Interlocked.Read(ref phase.Stats.Connected));
    }

    [Fact]
    public async Task Phase_ThroughRelay_TurnsCompleteAndRelayIsTransparent()
    {
        await using var servers = await LoopbackServers.StartAsync(withRelay: true);
        var phase = new LoadPhase(LoadPaths.Relay, SessionTarget.Direct(servers.Relay!, SimulatorSetup.ApiKey), Small, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(5, result.Sustained);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Turns >= 5, $"turns {result.Turns}");
    }

    [Fact]
    public async Task Phase_ToolAndBargeInTurns_AnswerToolsAndInterruptReplies()
    {
        await using var servers = await LoopbackServers.StartAsync(withRelay: false);
        var scenario = Small with { ToolPercent = 50, BargeInPercent = 50, Hold = TimeSpan.FromSeconds(8) };
        var phase = new LoadPhase(LoadPaths.Direct, SessionTarget.Direct(servers.Simulator, SimulatorSetup.ApiKey), scenario, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.Errors);
        Assert.True(result.ToolCalls > 0, "no tool call was made");
        Assert.True(result.ToolRoundTripP50 > 0, "no reply after a tool output was timed");
        Assert.True(result.BargeIns > 0, "no barge-in happened");
        Assert.True(result.CancelledResponses > 0, "no reply was cancelled by a barge-in");
    }

    [Fact]
    public async Task Phase_WrongKey_CountsConnectFailuresAndSustainsNothing()
    {
        await using var servers = await LoopbackServers.StartAsync(withRelay: false);
        var scenario = Small with { Sessions = 2, Hold = TimeSpan.FromSeconds(1) };
        var phase = new LoadPhase(LoadPaths.Direct, SessionTarget.Direct(servers.Simulator, "wrong-key"), scenario, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.Sustained);
        Assert.Equal(0, result.Connected);
        Assert.Equal(2, result.Errors);
        Assert.Contains("connect_failed", result.ErrorCodes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phase_TwoTargets_SpreadsSessionsRoundRobinAndReportsEachUrl()
    {
        // Target 0 is the simulator, target 1 a loopback port nobody listens on: sessions 0 and 2 must work, 1 and 3 fail.
        await using var servers = await LoopbackServers.StartAsync(withRelay: false);
        var closed = LoopbackServers.ClosedPort();
        var targets = RoundRobinTargets.Direct([servers.Simulator, closed], SimulatorSetup.ApiKey);
        // A hold long enough for two whole turns: a session counts as sustained only if a reply completes inside it, and a
        // 3 s hold on a busy CI machine sometimes saw none (one conversation turn is speech, silence and a spoken reply).
        var scenario = Small with { Sessions = 4, Hold = TimeSpan.FromSeconds(8) };
        var phase = new LoadPhase(LoadPaths.Direct, targets, scenario, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotNull(result.Targets);
        Assert.Collection(
            result.Targets,
            good =>
            {
                Assert.Equal(servers.Simulator.ToString(), good.Url);
                Assert.Equal(2, good.Sessions);
                Assert.Equal(2, good.Sustained);
                Assert.Equal(0, good.Errors);
            },
            dead =>
            {
                Assert.Equal(closed.ToString(), dead.Url);
                Assert.Equal(2, dead.Sessions);
                Assert.Equal(0, dead.Sustained);
                Assert.Equal(2, dead.Errors);
                Assert.Equal("connect_failed×2", dead.ErrorCodes);
            });
        Assert.Equal(2, result.Sustained);
        Assert.Equal(2, result.Errors);
    }

    [Fact]
    public async Task Phase_OneTarget_HasNoPerUrlBreakdown()
    {
        await using var servers = await LoopbackServers.StartAsync(withRelay: false);
        var scenario = Small with { Sessions = 1, Hold = TimeSpan.FromSeconds(1) };
        var phase = new LoadPhase(LoadPaths.Direct, SessionTarget.Direct(servers.Simulator, SimulatorSetup.ApiKey), scenario, TimeProvider.System);

        var result = await phase.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Null(result.Targets);
    }
}

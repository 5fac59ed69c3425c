using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Cluster;

/// <summary>
/// Silo failures with real processes on Azurite: kill -9 of one of three silos, SIGTERM of one of two (hand-over), and
/// SIGSTOP/SIGCONT (a frozen owner). After each, every affected session is live again on a survivor with every persisted
/// item, and no session ever had two upstream connections at once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillDashNine_OneOfThreeSilos_ItsSessionsResumeOnSurvivors_WithEveryPersistedItem()
    {
        const int PerSilo = 4;
        await using var cluster = await ClusterHarness.StartAsync(3);
        var sockets = new List<RealtimeSocket>();
        try
        {
            var silos = new[] { cluster["silo-1"], cluster["silo-2"], cluster["silo-3"] };
            var sessions = await OpenSessionsAsync(silos, PerSilo, sockets);
            var victim = silos[2];
            var affected = sessions.Where(s => s.Silo == victim).ToList();
            await WaitUntilPersistedAsync(cluster, affected);

            // A client of a surviving silo attached to a grain of the victim: its gateway must notice the grain is gone.
            var crossClient = await ClusterClient.ConnectAsync(silos[0], affected[0].Id);
            sockets.Add(crossClient);

            // A SignalR client of silo 2 on another of the victim's sessions: told the session moved, it re-attaches on the
            // same connection with its resume token — minted on the victim, so the token's record must outlive it.
            var (hubToken, _) = await victim.MintAsync(affected[1].Id);
            var moved = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var hubItems = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(silos[1].BaseUri, "/hubs/realtime")).Build();
            hub.On<string>("sessionMoved", reason => moved.TrySetResult(reason));
            hub.On<string>("serverEvent", json =>
            {
                using var evt = JsonDocument.Parse(json);
                if (RealtimeSocket.TypeOf(evt.RootElement) == "conversation.item.done" && RealtimeSocket.TextOf(evt.RootElement.GetProperty("item")) is { } text)
                {
                    hubItems.Enqueue(text);
                }
            });
            await hub.StartAsync().Within("the hub connection to silo 2", ClusterClient.Step);
            var attachedOnHub = await hub.InvokeAsync<JsonElement>("Attach", hubToken).Within("Attach on silo 2's hub", ClusterClient.Step);
            var resumeToken = attachedOnHub.GetProperty("resumeToken").GetString()!;

            victim.Signal(HostProcess.SigKill);
            var killedAt = Stopwatch.StartNew();
            Assert.True(await victim.WaitForExitAsync(ExitDeadline) is not null, "silo-3 did not die from SIGKILL");
            var survivors = silos[..2];
            var resumed = await Task.WhenAll(affected.Select((s, i) => ResumeAndCheckAsync(s, survivors[i % 2], killedAt)));
            var crossSeen = await crossClient.WaitForCloseAsync(ClusterClient.Step);
            Assert.Contains(crossSeen, e => RealtimeSocket.TypeOf(e) == "error" && e.GetProperty("error").GetProperty("code").GetString() == "session_moved");
            Assert.Equal((WebSocketCloseStatus)1012, crossClient.CloseStatus);
            output.WriteLine($"the silo-1 client of a silo-3 grain was told to reconnect (session_moved, 1012) {killedAt.Elapsed.TotalSeconds:0.00} s after the kill");

            var reason = await moved.Task.Within("sessionMoved on silo 2's hub client", ClusterClient.Step);
            hubItems.Clear();
            var reattached = await hub.InvokeAsync<JsonElement>("Attach", resumeToken).Within("Attach with the resume token after sessionMoved", ClusterClient.Step);
            Assert.Equal(affected[1].Id, reattached.GetProperty("sessionId").GetString());
            var hubClock = Stopwatch.StartNew();
            while (!affected[1].Items.All(hubItems.Contains))
            {
                Assert.True(hubClock.Elapsed < ClusterClient.Step, $"the re-attached hub client got {string.Join(" | ", hubItems)}, not every persisted item of {affected[1].Id}");
                await Task.Delay(50);
            }

            output.WriteLine($"hub client of silo 2: sessionMoved (\"{reason}\"), re-attached with its resume token minted on the dead silo, conversation back");
            output.WriteLine($"kill -9 of silo-3: {affected.Count} sessions live again after {string.Join(", ", resumed.Select(t => $"{t.TotalSeconds:0.00}"))} s");

            // Sessions on the survivors were not disturbed: each still answers on its original socket.
            foreach (var session in sessions.Where(s => s.Silo != victim))
            {
                await ClusterClient.TurnAsync(session.Socket!, $"still here {session.Id}");
            }

            AssertNeverTwoUpstreams(cluster, sessions);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n\nSilo logs:\n{cluster.Logs()}", ex);
        }
        finally
        {
            await DisposeAllAsync(sockets);
            cluster.SaveLogs(ClusterCollection.LogDirectory("kill9"));
        }
    }

    [Fact]
    public async Task SigTerm_HandsSessionsOver_ClientsAreToldToReconnect_AndResumeOnTheOtherSilo()
    {
        const int Sessions = 6;
        await using var cluster = await ClusterHarness.StartAsync(2);
        var sockets = new List<RealtimeSocket>();
        try
        {
            var leaving = cluster["silo-1"];
            var staying = cluster["silo-2"];
            var sessions = await OpenSessionsAsync([leaving], Sessions, sockets);

            // One more client of the first session on the staying silo: its grain is on the leaving one.
            var crossClient = await ClusterClient.ConnectAsync(staying, sessions[0].Id);
            sockets.Add(crossClient);

            var signalled = leaving.Signal(HostProcess.SigTerm);
            var clients = sessions.Select(s => (s.Socket!, $"{s.Id} on silo-1")).Append((crossClient, $"{sessions[0].Id} on silo-2"));
            foreach (var (socket, what) in clients)
            {
                var seen = await socket.WaitForCloseAsync(ClusterClient.Step);
                Assert.True(
                    seen.Any(e => RealtimeSocket.TypeOf(e) == "error" && e.GetProperty("error").GetProperty("code").GetString() == "session_moved"),
                    $"{what}: no session_moved error before the close (saw {string.Join(",", seen.Select(RealtimeSocket.TypeOf))})");
                Assert.Equal((WebSocketCloseStatus)1012, socket.CloseStatus);
            }

            var exited = await leaving.WaitForExitAsync(ExitDeadline);
            Assert.True(exited is not null, $"silo-1 did not exit within {ExitDeadline.TotalSeconds:0} s of SIGTERM:\n{leaving.Tail()}");
            output.WriteLine($"SIGTERM -> exit of silo-1: {(exited.Value - signalled).TotalSeconds:0.00} s, exit code {leaving.ExitCode}");
            Assert.Equal(0, leaving.ExitCode);

            var clock = Stopwatch.StartNew();
            var resumed = await Task.WhenAll(sessions.Select(s => ResumeAndCheckAsync(s, staying, clock)));
            output.WriteLine($"resumed on silo-2 after the hand-over: {string.Join(", ", resumed.Select(t => $"{t.TotalSeconds:0.00}"))} s");

            // The leaving silo released its lease and each session its owner: nobody waited for a lease to run out.
            Assert.DoesNotContain(staying.Output, l => l.Text.Contains("after waiting", StringComparison.Ordinal) && !l.Text.Contains("after waiting 0 ms", StringComparison.Ordinal));
            AssertNeverTwoUpstreams(cluster, sessions);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n\nSilo logs:\n{cluster.Logs()}", ex);
        }
        finally
        {
            await DisposeAllAsync(sockets);
            cluster.SaveLogs(ClusterCollection.LogDirectory("sigterm"));
        }
    }

    [Fact]
    public async Task SigStop_FrozenOwner_SessionsMoveWithoutTwoUpstreams_AndNoneOfItsWritesLands()
    {
        const int Sessions = 4;
        await using var cluster = await ClusterHarness.StartAsync(2);
        var sockets = new List<RealtimeSocket>();
        try
        {
            var frozen = cluster["silo-1"];
            var taker = cluster["silo-2"];
            var sessions = await OpenSessionsAsync([frozen], Sessions, sockets);
            await WaitUntilPersistedAsync(cluster, sessions);

            frozen.Signal(HostProcess.SigStop);
            var stoppedAt = Stopwatch.StartNew();
            var resumed = await Task.WhenAll(sessions.Select(s => ResumeAndCheckAsync(s, taker, stoppedAt)));
            output.WriteLine($"frozen silo-1: sessions live again on silo-2 after {string.Join(", ", resumed.Select(t => $"{t.TotalSeconds:0.00}"))} s");

            // Each session's old upstream (silo 1's) was closed before silo 2 opened the new one.
            foreach (var session in sessions)
            {
                var stats = cluster.Simulator.Inspector.GetConnectionStats(session.Id)!;
                var old = stats.Connections.Where(c => c.Silo == "silo-1").ToList();
                var next = stats.Connections.Single(c => c.Silo == "silo-2");
                Assert.All(old, c => Assert.True(c.ClosedAt is { } closed && closed <= next.OpenedAt, $"{session.Id}: silo-1's upstream (closed {c.ClosedAt:O}) overlapped silo-2's (opened {next.OpenedAt:O})"));
            }

            // Silo 2's turn is stored (write-behind) before the thaw, so a late write of silo 1 would overwrite it.
            await WaitUntilPersistedAsync(cluster, sessions.Select(s => s with { Items = [$"resumed {s.Id}"] }));

            // Thaw it: it finds its lease gone, closes what it held and writes nothing (then Orleans stops it, declared dead).
            var thawed = frozen.Signal(HostProcess.SigCont);
            await WaitForLineAsync(frozen, thawed, "was not renewed in time");
            output.WriteLine($"silo-1 after SIGCONT: {(frozen.HasExited ? $"exited with code {frozen.ExitCode}" : "ended its lease incarnation, still running")}");

            // Whatever it did after the thaw, the stored state is silo 2's: owner, epoch, and the turn made there.
            foreach (var session in sessions)
            {
                var state = await cluster.ReadSessionStateAsync(session.Id) ?? throw new InvalidOperationException($"no state for {session.Id}");
                using var json = JsonDocument.Parse(state);
                var root = json.RootElement.TryGetProperty("state", out var wrapped) ? wrapped : json.RootElement;
                var owner = root.GetProperty("owner");
                Assert.True(owner.ValueKind == JsonValueKind.Null || owner.GetProperty("silo").GetString()!.Contains(taker.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                    $"{session.Id}: the stored owner is not silo 2: {owner}");
                Assert.Contains($"resumed {session.Id}", state, StringComparison.Ordinal);
            }

            AssertNeverTwoUpstreams(cluster, sessions);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n\nSilo logs:\n{cluster.Logs()}", ex);
        }
        finally
        {
            await DisposeAllAsync(sockets);
            cluster.SaveLogs(ClusterCollection.LogDirectory("sigstop"));
        }
    }

    /// <summary><paramref name="perSilo"/> sessions on each silo (the first client places the grain), each with one completed turn.</summary>
    private static async Task<List<OpenSession>> OpenSessionsAsync(HostProcess[] silos, int perSilo, List<RealtimeSocket> sockets)
    {
        var sessions = new List<OpenSession>();
        foreach (var silo in silos)
        {
            for (var n = 0; n < perSilo; n++)
            {
                var (token, id) = await silo.MintAsync();
                var socket = await RealtimeSocket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), token, ClusterClient.Step);
                sockets.Add(socket);
                await socket.WaitForTypeAsync("session.created", ClusterClient.Step);
                var said = $"remember {id}";
                var (reply, _) = await ClusterClient.TurnAsync(socket, said);
                sessions.Add(new OpenSession(id, silo, socket, [said, reply]));
            }
        }

        return sessions;
    }

    /// <summary>Write-behind: waits for evidence that each session's items are in its blob (instead of waiting out the interval).</summary>
    private static async Task WaitUntilPersistedAsync(ClusterHarness cluster, IEnumerable<OpenSession> sessions)
    {
        foreach (var session in sessions)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var state = await cluster.ReadSessionStateAsync(session.Id);
                if (state is not null && session.Items.All(i => state.Contains(JsonSerializer.Serialize(i), StringComparison.Ordinal)))
                {
                    break;
                }

                if (clock.Elapsed > ClusterClient.Step)
                {
                    throw new TimeoutException($"{session.Id}: its items were not in its state blob within {ClusterClient.Step.TotalSeconds:0} s (blob: {state ?? "none"})");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Resumes on <paramref name="silo"/>, checks every persisted item came back, makes a new turn; returns the time to live again.</summary>
    private static async Task<TimeSpan> ResumeAndCheckAsync(OpenSession session, HostProcess silo, Stopwatch since)
    {
        var (socket, replayedSoFar, _) = await ClusterClient.ResumeAsync(silo, session.Id, ResumeDeadline);
        await using (socket)
        {
            var marker = $"resumed {session.Id}";
            var replayed = await ClusterClient.ReplayedTextsAsync(socket, replayedSoFar, marker);
            var missing = session.Items.Where(i => !replayed.Contains(i)).ToList();
            Assert.True(missing.Count == 0, $"{session.Id} resumed on {silo.Name} without {string.Join(", ", missing.Select(m => $"\"{m}\""))} (replayed: {string.Join(" | ", replayed)})");
            await socket.SendAsync("""{"type":"response.create"}""", ClusterClient.Step);
            await socket.WaitForTypeAsync("response.output_audio.delta", ClusterClient.Step);
            var live = since.Elapsed;
            await socket.WaitForTypeAsync("response.done", ClusterClient.Step);
            return live;
        }
    }

    /// <summary>Waits (with a deadline) for a line of <paramref name="silo"/>'s output, after <paramref name="since"/>, that contains <paramref name="text"/>.</summary>
    private static async Task WaitForLineAsync(HostProcess silo, TimeSpan since, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!silo.OutputSince(since).Any(l => l.Text.Contains(text, StringComparison.Ordinal)))
        {
            if (clock.Elapsed > ExitDeadline)
            {
                throw new TimeoutException($"{silo.Name} did not log \"{text}\" within {ExitDeadline.TotalSeconds:0} s:\n{silo.OutputText(since, 80)}");
            }

            await Task.Delay(100);
        }
    }

    private static void AssertNeverTwoUpstreams(ClusterHarness cluster, IEnumerable<OpenSession> sessions)
    {
        foreach (var session in sessions)
        {
            var stats = cluster.Simulator.Inspector.GetConnectionStats(session.Id) ?? throw new InvalidOperationException($"the simulator never saw {session.Id}");
            Assert.True(stats.MaxConcurrent == 1, $"{session.Id} had {stats.MaxConcurrent} upstream connections at once: {string.Join("; ", stats.Connections.Select(c => $"{c.Silo} {c.OpenedAt:HH:mm:ss.fff}-{c.ClosedAt:HH:mm:ss.fff}"))}");
        }
    }

    private static async Task DisposeAllAsync(List<RealtimeSocket> sockets)
    {
        foreach (var socket in sockets)
        {
            await socket.DisposeAsync();
        }
    }

    private sealed record OpenSession(string Id, HostProcess Silo, RealtimeSocket? Socket, string[] Items);
}

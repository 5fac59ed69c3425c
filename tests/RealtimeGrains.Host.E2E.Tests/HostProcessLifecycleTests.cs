using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>The tests that time or kill a host process run alone: nothing else loads the machine while they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessesRunAlone
{
    public const string Name = "host process";
}

/// <summary>
/// The real host executable as a child process (built in this configuration, <c>dotnet RealtimeGrains.Host.dll</c>) with file
/// state in a temporary folder: a SIGTERM with 100 attached sessions stops it within 5 s and loses none of them, and after a
/// <c>kill -9</c> a restart on the same folder resumes the conversation from what write-behind had put on disk.
/// </summary>
[Collection(HostProcessesRunAlone.Name)]
public sealed class HostProcessLifecycleTests(ITestOutputHelper output)
{
    private const int SessionCount = 100;
    private const string ReconnectLine = "opening a new upstream session (Reconnect)";
    private const string ActivationLine = "opening a new upstream session (Activation)";

    /// <summary>The product requirement: SIGTERM to exit.</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    // Deadlines catch hangs on a loaded 2-core machine; they time nothing.
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AttachAll = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan OnDisk = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SigTerm_With100AttachedSessions_StopsWithinFiveSeconds_AndPersistsEverySession()
    {
        var state = NewStateDirectory();
        var sockets = new ConcurrentBag<RealtimeSocket>();
        HostProcess? host = null;
        HostProcess? restarted = null;
        try
        {
            host = await HostProcess.StartAsync(state, Ready);
            output.WriteLine($"host pid {host.Pid} on {host.BaseUri}, state in {state}");

            // 100 sessions through the GA path, each with one user text item the server has echoed; all sockets stay open.
            var ids = new string[SessionCount];
            using var gate = new SemaphoreSlim(10);
            var attaching = Stopwatch.StartNew();
            var attaches = Enumerable.Range(0, SessionCount).Select(async n =>
            {
                await gate.WaitAsync();
                string? id = null;
                try
                {
                    (var token, id) = await host.MintAsync().Within($"a token for session {n}", Step);
                    var socket = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), token, Step);
                    sockets.Add(socket);
                    var (created, _) = await socket.WaitForTypeAsync("session.created", Step);
                    Assert.Equal(id, created.GetProperty("session").GetProperty("id").GetString());
                    await socket.SendUserTextAsync(Text(n), Step);
                    await socket.WaitForAsync(e => IsItemDone(e, "user", Text(n)), $"conversation.item.done of \"{Text(n)}\" in {id}", Step);
                    ids[n] = id;
                }
                catch (Exception ex) when (id is not null)
                {
                    // Say what the host logged about this session (e.g. a lost observer) next to the symptom.
                    var about = host.Output.Where(l => l.Text.Contains(id, StringComparison.Ordinal) && !l.Text.Contains("Minted", StringComparison.Ordinal)).Select(l => l.Text).ToList();
                    throw new InvalidOperationException(
                        $"Session {n} ({id}): {ex.Message}\nThe host's lines naming it:\n{string.Join('\n', about.Take(12))}", ex);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(attaches).Within($"{SessionCount} sessions to attach and echo their item", AttachAll);
            output.WriteLine($"{SessionCount} sessions attached, each with its item echoed, in {attaching.Elapsed.TotalSeconds:0.00} s");

            var signalled = host.Signal(HostProcess.SigTerm);
            var exited = await host.WaitForExitAsync(Exit);
            Assert.True(exited is not null, $"The host did not exit within {Exit.TotalSeconds:0} s of SIGTERM. Its output since:\n{host.OutputText(signalled, 60)}");
            var stopTime = exited.Value - signalled;
            output.WriteLine($"SIGTERM -> exit with {SessionCount} attached sessions: {stopTime.TotalSeconds:0.000} s (bound {StopBound.TotalSeconds:0} s), exit code {host.ExitCode}");
            var shutdownOutput = host.OutputText(signalled, 60);
            output.WriteLine("host output after SIGTERM:\n" + shutdownOutput);
            var log = SaveLog("sigterm-first-run", host);

            // The grep below can see the line: each session logged its first upstream session the same way.
            Assert.True(
                host.Output.Count(l => l.At < signalled && l.Text.Contains(ActivationLine, StringComparison.Ordinal)) >= SessionCount,
                $"The host's output does not show the sessions' \"{ActivationLine}\" lines, so the reconnect check would prove nothing.");
            var reconnects = host.OutputSince(signalled).Where(l => l.Text.Contains(ReconnectLine, StringComparison.Ordinal)).ToList();
            Assert.True(reconnects.Count == 0, $"While stopping, {reconnects.Count} sessions tried to reconnect upstream:\n{string.Join('\n', reconnects.Take(10).Select(l => l.Text))}");

            // Every session's item is on disk.
            var stored = ReadAllState(state);
            var missing = Enumerable.Range(0, SessionCount).Where(n => !stored.Contains(Quoted(Text(n)), StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {SessionCount} sessions have no persisted item after SIGTERM: {string.Join(", ", missing.Take(20).Select(n => $"{ids[n]} (\"{Text(n)}\")"))}");

            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }

            sockets.Clear();

            // A new host on the same folder resumes a sample of the sessions with fresh tokens.
            restarted = await HostProcess.StartAsync(state, Ready);
            output.WriteLine($"restarted host pid {restarted.Pid} on {restarted.BaseUri}");
            foreach (var n in Enumerable.Range(0, 10).Select(i => i * 11))
            {
                var (token, resumedId) = await restarted.MintAsync(ids[n]).Within($"a resume token for {ids[n]}", Step);
                Assert.Equal(ids[n], resumedId);
                await using var socket = await RealtimeSocket.ConnectAsync(restarted.WebSocketUri(RealtimeSocket.GaPath), token, Step);
                var (created, _) = await socket.WaitForTypeAsync("session.created", Step);
                Assert.Equal(ids[n], created.GetProperty("session").GetProperty("id").GetString());
                await socket.WaitForAsync(e => IsItemDone(e, "user", Text(n)), $"the resumed conversation of {ids[n]} to replay \"{Text(n)}\"", Step);
            }

            output.WriteLine("10 sampled sessions resumed with their item after the restart");
            Assert.True(stopTime <= StopBound, $"The host took {stopTime.TotalSeconds:0.000} s from SIGTERM to exit with {SessionCount} attached sessions (requirement: <= {StopBound.TotalSeconds:0} s). Its output since (all of it in {log}):\n{shutdownOutput}");
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }

            await StopAsync(host, "sigterm-first-run");
            await StopAsync(restarted, "sigterm-restart");
            DeleteDirectory(state);
        }
    }

    [Fact]
    public async Task KillDashNine_ThenRestart_ResumesTheConversation()
    {
        const string Said = "remember the lighthouse after kill -9";
        var state = NewStateDirectory();
        HostProcess? host = null;
        HostProcess? restarted = null;
        RealtimeSocket? socket = null;
        try
        {
            host = await HostProcess.StartAsync(state, Ready);
            output.WriteLine($"host pid {host.Pid} on {host.BaseUri}, state in {state}");
            var (token, id) = await host.MintAsync().Within("a token", Step);
            socket = await RealtimeSocket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), token, Step);
            await socket.WaitForTypeAsync("session.created", Step);
            await socket.SendUserTextAsync(Said, Step);
            await socket.SendAsync("""{"type":"response.create"}""", Step);
            var (done, _) = await socket.WaitForTypeAsync("response.done", TimeSpan.FromSeconds(30));
            var response = done.GetProperty("response");
            Assert.Equal("completed", response.GetProperty("status").GetString());
            var reply = response.GetProperty("output").EnumerateArray().Select(RealtimeSocket.TextOf).FirstOrDefault(t => t is not null);
            Assert.False(string.IsNullOrEmpty(reply), $"response.done carries no reply text: {done}");
            output.WriteLine($"session {id}: reply \"{reply}\"");

            // Write-behind: wait for evidence the reply is on disk rather than for the interval.
            var file = await WaitForStateFileAsync(state, [Quoted(Said), Quoted(reply!)], OnDisk);
            output.WriteLine($"on disk in {Path.GetRelativePath(state, file)}");

            host.Signal(HostProcess.SigKill);
            Assert.True(await host.WaitForExitAsync(Step) is not null, "The host did not die within 20 s of SIGKILL.");
            output.WriteLine($"killed with SIGKILL (exit code {host.ExitCode})");
            SaveLog("kill9-first-run", host);
            await socket.DisposeAsync();
            socket = null;

            restarted = await HostProcess.StartAsync(state, Ready);
            output.WriteLine($"restarted host pid {restarted.Pid} on {restarted.BaseUri}");
            var (resumeToken, resumedId) = await restarted.MintAsync(id).Within("a resume token", Step);
            Assert.Equal(id, resumedId);
            socket = await RealtimeSocket.ConnectAsync(restarted.WebSocketUri(RealtimeSocket.GaPath), resumeToken, Step);
            var (created, _) = await socket.WaitForTypeAsync("session.created", Step);
            Assert.Equal(id, created.GetProperty("session").GetProperty("id").GetString());
            var (_, before) = await socket.WaitForAsync(e => IsItemDone(e, "user", Said), $"the user item \"{Said}\" replayed", Step);
            var (assistant, _) = await socket.WaitForAsync(e => IsItemDone(e, "assistant", reply!), $"the assistant item \"{reply}\" replayed after the user item", Step);

            Assert.DoesNotContain(before, e => IsItemDone(e, "assistant", reply!));
            Assert.Equal("message", assistant.GetProperty("item").GetProperty("type").GetString());
            output.WriteLine("resumed: the user item and the assistant reply came back in order");
        }
        finally
        {
            if (socket is not null)
            {
                await socket.DisposeAsync();
            }

            await StopAsync(host, "kill9-first-run");
            await StopAsync(restarted, "kill9-restart");
            DeleteDirectory(state);
        }
    }

    private static string Text(int n) => $"session {n}";

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private static bool IsItemDone(JsonElement evt, string role, string text) =>
        RealtimeSocket.TypeOf(evt) == "conversation.item.done"
        && evt.TryGetProperty("item", out var item)
        && item.TryGetProperty("role", out var r) && r.GetString() == role
        && RealtimeSocket.TextOf(item) == text;

    private static string NewStateDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "rg-e2e-state-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static void DeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is not a test failure.
        }
    }

    /// <summary>The text of every state file under <paramref name="root"/> (state files are a header line and JSON).</summary>
    private static string ReadAllState(string root)
    {
        var all = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(root, "*.state", SearchOption.AllDirectories))
        {
            all.Append(ReadShared(path)).Append('\n');
        }

        return all.ToString();
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task<string> WaitForStateFileAsync(string root, string[] contents, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (clock.Elapsed > deadline)
            {
                var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).ToList();
                throw new TimeoutException(
                    $"No *.state file under {root} held {string.Join(" and ", contents)} within {deadline.TotalSeconds:0} s (files: {(files.Count == 0 ? "none" : string.Join(", ", files))}).");
            }

            foreach (var path in Directory.EnumerateFiles(root, "*.state", SearchOption.AllDirectories))
            {
                var text = ReadShared(path);
                if (contents.All(c => text.Contains(c, StringComparison.Ordinal)))
                {
                    return path;
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Writes the host's whole output to <c>bin/…/e2e-output/host-NAME.log</c>; returns the path.</summary>
    private static string SaveLog(string name, HostProcess host)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "e2e-output");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"host-{name}.log");
        File.WriteAllText(path, host.OutputText());
        return path;
    }

    private async Task StopAsync(HostProcess? host, string name)
    {
        if (host is null)
        {
            return;
        }

        var pid = host.Pid;
        var wasRunning = !host.HasExited;
        await host.DisposeAsync();
        SaveLog(name, host);
        if (wasRunning)
        {
            output.WriteLine($"{name}: host pid {pid} was still running at the end of the test: killed");
        }
    }
}

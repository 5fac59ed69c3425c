using System.Diagnostics;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.TestKit;

/// <summary>
/// A browser stand-in: the werift peer <c>webrtc-front/testing/peer.js</c> run by Node as a child process and driven
/// over its stdin/stdout. It offers one Opus audio track and a data channel named <c>oai-events</c>, sends its
/// microphone (silence, or what <see cref="Say"/> queued) in real time, and reports data-channel messages.
/// </summary>
public sealed class WebRtcPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _messages = [];
    private readonly List<(Func<JsonObject, bool> Match, TaskCompletionSource<JsonObject> Signal)> _waiters = [];
    private readonly Task _reader;
    private readonly System.Text.StringBuilder _stderr = new();

    private WebRtcPeer(Process process)
    {
        _process = process;
        _reader = ReadAsync();
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The simulator's media front folder in the source tree (the peer shares its node_modules).</summary>
    public static string FrontDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RealtimeGrains.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "RealtimeGrains.Simulator", "webrtc-front");
        }
    }

    /// <summary>Every data-channel message received so far, parsed, in order.</summary>
    public IReadOnlyList<JsonObject> ChannelEvents
    {
        get
        {
            lock (_lock)
            {
                return _messages.Where(m => (string?)m["op"] == "text").Select(m => JsonNode.Parse((string)m["text"]!)!.AsObject()).ToList();
            }
        }
    }

    public static WebRtcPeer Start()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = FrontDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(FrontDirectory, "testing", "peer.js"));
        return new WebRtcPeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    /// <summary>The peer's SDP offer, gathered (it carries the peer's loopback candidate) or, like the preview sample posts it, without candidates.</summary>
    public async Task<string> OfferAsync(bool withCandidates = true)
    {
        var sdp = (string)(await WaitForAsync(m => (string?)m["op"] == "offer", "the peer's offer"))["sdp"]!;
        return withCandidates ? sdp : string.Join("\r\n", sdp.Split("\r\n").Where(line => !line.StartsWith("a=candidate:", StringComparison.Ordinal)));
    }

    public void Answer(string sdp) => Send(new JsonObject { ["op"] = "answer", ["sdp"] = sdp });

    /// <summary>Queues PCM16 24 kHz audio on the microphone (played in real time after what is queued).</summary>
    public void Say(byte[] pcm) => Send(new JsonObject { ["op"] = "say", ["pcm"] = Convert.ToBase64String(pcm) });

    /// <summary>Sends a client event on the data channel.</summary>
    public void SendEvent(JsonObject clientEvent) => Send(new JsonObject { ["op"] = "send", ["text"] = clientEvent.ToJsonString() });

    /// <summary>Sends raw text on the data channel.</summary>
    public void SendText(string text) => Send(new JsonObject { ["op"] = "send", ["text"] = text });

    public Task WaitForOpenAsync() => WaitForAsync(m => (string?)m["op"] == "open", "the data channel to open");

    /// <summary>Waits for a data-channel event of <paramref name="type"/> (earlier ones count) matching <paramref name="predicate"/>.</summary>
    public async Task<JsonObject> WaitForEventAsync(string type, Func<JsonObject, bool>? predicate = null, int skip = 0)
    {
        var seen = 0;
        var message = await WaitForAsync(
            m =>
            {
                if ((string?)m["op"] != "text" || JsonNode.Parse((string)m["text"]!) is not JsonObject e || (string?)e["type"] != type || !(predicate?.Invoke(e) ?? true))
                {
                    return false;
                }

                return seen++ >= skip;
            },
            $"data-channel event {type}");
        return JsonNode.Parse((string)message["text"]!)!.AsObject();
    }

    /// <summary>RTP packets of reply audio received, and how many of them were not silent.</summary>
    public async Task<(long Packets, long LoudPackets)> StatsAsync()
    {
        var count = Count("stats");
        Send(new JsonObject { ["op"] = "stats" });
        var stats = await WaitForAsync(m => (string?)m["op"] == "stats", "the peer's stats", count);
        return ((long)stats["packets"]!, (long)stats["loudPackets"]!);
    }

    /// <summary>Everything received on the audio track so far, decoded: PCM16 mono 24 kHz.</summary>
    public async Task<byte[]> ReceivedAudioAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtc-peer-{Guid.NewGuid():N}.wav");
        var count = Count("dumped");
        Send(new JsonObject { ["op"] = "dump", ["path"] = path });
        await WaitForAsync(m => (string?)m["op"] == "dumped", "the peer's audio dump", count);
        try
        {
            return WavFile.Read(await File.ReadAllBytesAsync(path), out _);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Closes the peer connection (the data channel's SCTP association ends, as when a browser closes it).</summary>
    public void Close() => Send(new JsonObject { ["op"] = "close" });

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reader;
        _process.Dispose();
    }

    private void Send(JsonObject message)
    {
        lock (_process)
        {
            _process.StandardInput.WriteLine(message.ToJsonString());
            _process.StandardInput.Flush();
        }
    }

    private int Count(string op)
    {
        lock (_lock)
        {
            return _messages.Count(m => (string?)m["op"] == op);
        }
    }

    private Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what, int skip = 0)
    {
        var seen = 0;
        bool Match(JsonObject m) => match(m) && seen++ >= skip;
        Task<JsonObject> task;
        lock (_lock)
        {
            var existing = _messages.FirstOrDefault(Match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var signal = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Match, signal));
            task = signal.Task;
        }

        return WithContextAsync(task, what);
    }

    private async Task<JsonObject> WithContextAsync(Task<JsonObject> task, string what)
    {
        try
        {
            return await task.Within(what);
        }
        catch (TimeoutException ex)
        {
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            throw new TimeoutException($"{ex.Message}; channel events: {string.Join(", ", ChannelEvents.Select(e => (string?)e["type"]))}; peer stderr: {stderr}", ex);
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var message = JsonNode.Parse(line)!.AsObject();
            List<TaskCompletionSource<JsonObject>>? fire = null;
            lock (_lock)
            {
                _messages.Add(message);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Match(message))
                    {
                        (fire ??= []).Add(_waiters[i].Signal);
                        _waiters.RemoveAt(i);
                    }
                }
            }

            fire?.ForEach(s => s.TrySetResult(message));
        }
    }
}

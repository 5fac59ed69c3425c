using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The media front: a Node.js child process (<c>webrtc-front/front.js</c>, werift) that terminates WebRTC for every call.
/// Started on the first call, restarted on the next call after it died (its calls end), stopped with the host. The
/// control link is the child's stdin/stdout (newline-delimited JSON, one writer loop, one reader loop): no port is
/// opened for it, and the child exits when its stdin closes, so it cannot outlive this process. Its stderr is logged.
/// </summary>
internal sealed partial class WebRtcFront : IHostedService, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);
    private readonly WebRtcOptions _options;
    private readonly ILogger<WebRtcFront> _logger;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly ConcurrentDictionary<string, (IFrontCallSink Sink, Running Front)> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _stderrTail = new();
    private Running? _running;
    private bool _stopped;

    public WebRtcFront(SimulatorOptions options, ILogger<WebRtcFront> logger)
    {
        _options = options.WebRtc;
        _logger = logger;
        Location = FrontLocation.Find(_options);
    }

    /// <summary>Where Node.js and the front are, or why calls cannot be served.</summary>
    public FrontLocation Location { get; }

    /// <summary>The running front's process id, or null (for tests that kill it).</summary>
    public int? ProcessId => _running?.ProcessId;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Location.UnavailableReason is { } reason && _options.Enabled)
        {
            LogUnavailable(_logger, reason);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Running? running;
        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stopped = true;
            running = _running;
            _running = null;
        }
        finally
        {
            _startGate.Release();
        }

        if (running is not null)
        {
            await running.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _running?.Kill();
        _startGate.Dispose();
    }

    /// <summary>Sends an offer for a new call and returns the answer SDP; the sink gets the call's media-side events from now on.</summary>
    /// <exception cref="WebRtcFrontException">The offer was refused, or the front is unavailable.</exception>
    public async Task<string> OfferAsync(string callId, string sdp, IFrontCallSink sink, CancellationToken cancellationToken)
    {
        var running = await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[callId] = answer;
        _calls[callId] = (sink, running);
        try
        {
            running.Send(Message("offer", callId, w => w.WriteString("sdp", sdp)));
            return await answer.Task.WaitAsync(AnswerTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _calls.TryRemove(callId, out _);
            throw new WebRtcFrontException("The WebRTC media front did not answer the offer in time.", offerRefused: false);
        }
        catch
        {
            _calls.TryRemove(callId, out _);
            throw;
        }
        finally
        {
            _answers.TryRemove(callId, out _);
        }
    }

    /// <summary>Sends a text message on the call's data channel(s).</summary>
    public void SendText(string callId, ReadOnlySpan<byte> utf8Json)
    {
        var text = Encoding.UTF8.GetString(utf8Json);
        _running?.Send(Message("send", callId, w => w.WriteString("text", text)));
    }

    /// <summary>Sends one 20 ms frame of 24 kHz PCM16 to be encoded and sent as RTP now.</summary>
    public void SendAudio(string callId, ReadOnlySpan<byte> pcm)
    {
        var base64 = Convert.ToBase64String(pcm);
        _running?.Send(Message("audio", callId, w => w.WriteString("pcm", base64)));
    }

    /// <summary>Closes the call's peer connection; the front reports nothing more for it.</summary>
    public void Hangup(string callId)
    {
        if (_calls.TryRemove(callId, out _))
        {
            _running?.Send(Message("hangup", callId, null));
        }
    }

    private static byte[] Message(string op, string callId, Action<Utf8JsonWriter>? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("op", op);
            writer.WriteString("call", callId);
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private async Task<Running> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (Location.UnavailableReason is { } reason)
        {
            throw new WebRtcFrontException(reason, offerRefused: false);
        }

        if (_running is { HasExited: false } current)
        {
            return current;
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                throw new WebRtcFrontException("The simulator is stopping.", offerRefused: false);
            }

            if (_running is { HasExited: false } started)
            {
                return started;
            }

            _running = await StartProcessAsync(cancellationToken).ConfigureAwait(false);
            return _running;
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task<Running> StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Location.NodePath)
        {
            WorkingDirectory = Location.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(Location.Directory, "front.js"));
        start.ArgumentList.Add("--ice-address");
        start.ArgumentList.Add(_options.IceAddress);
        start.ArgumentList.Add("--port-min");
        start.ArgumentList.Add(_options.IcePortMin.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--port-max");
        start.ArgumentList.Add(_options.IcePortMax.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--connect-timeout-ms");
        start.ArgumentList.Add(((long)_options.ConnectTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new WebRtcFrontException($"WebRTC calls are unavailable: Node.js ({Location.NodePath}) could not be started: {ex.Message}", offerRefused: false);
        }

        var running = new Running(this, process);
        LogStarted(_logger, process.Id, Location.Directory);
        try
        {
            await running.Ready.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            return running;
        }
        catch (Exception ex) when (ex is TimeoutException or WebRtcFrontException)
        {
            running.Kill();
            throw new WebRtcFrontException($"WebRTC calls are unavailable: the media front did not start ({string.Join(" | ", _stderrTail)}).", offerRefused: false);
        }
    }

    private void OnLine(string line)
    {
        string? op;
        string? callId;
        using (var document = JsonDocument.Parse(line))
        {
            var root = document.RootElement;
            op = root.TryGetProperty("op", out var o) ? o.GetString() : null;
            callId = root.TryGetProperty("call", out var c) ? c.GetString() : null;
            if (op == "answer" && callId is not null && _answers.TryGetValue(callId, out var answer))
            {
                if (root.TryGetProperty("sdp", out var sdp) && sdp.GetString() is { } text)
                {
                    answer.TrySetResult(text);
                }
                else
                {
                    var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                    answer.TrySetException(new WebRtcFrontException(error ?? "The media front refused the offer.", offerRefused: true));
                }

                return;
            }

            if (callId is null || !_calls.TryGetValue(callId, out var entry))
            {
                return;
            }

            var sink = entry.Sink;

            switch (op)
            {
                case "audio":
                    sink.OnAudio(root.GetProperty("pcm").GetString() ?? string.Empty);
                    break;
                case "text":
                    sink.OnChannelText(root.GetProperty("text").GetString() ?? string.Empty);
                    break;
                case "open":
                    sink.OnChannelOpen();
                    break;
                case "connected":
                    sink.OnConnected();
                    break;
                case "ended":
                    _calls.TryRemove(callId, out _);
                    sink.OnEnded(root.TryGetProperty("reason", out var r) ? r.GetString() ?? "ended" : "ended");
                    break;
            }
        }
    }

    private void OnExited(Running running, int? exitCode)
    {
        Interlocked.CompareExchange(ref _running, null, running);
        if (!_stopped)
        {
            LogExited(_logger, exitCode, string.Join(" | ", _stderrTail));
        }

        foreach (var answer in _answers.Values)
        {
            answer.TrySetException(new WebRtcFrontException("The WebRTC media front exited.", offerRefused: false));
        }

        foreach (var (callId, entry) in _calls.ToArray())
        {
            if (ReferenceEquals(entry.Front, running) && _calls.TryRemove(callId, out _))
            {
                entry.Sink.OnEnded("the media front exited");
            }
        }
    }

    private void OnStderr(string line)
    {
        _stderrTail.Enqueue(line);
        while (_stderrTail.Count > 5 && _stderrTail.TryDequeue(out _))
        {
        }

        LogStderr(_logger, line);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "{Reason} The simulator's other endpoints work; its WebRTC call endpoints answer 503.")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "WebRTC media front started (process {ProcessId}, {Directory})")]
    private static partial void LogStarted(ILogger logger, int processId, string directory);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "WebRTC media front exited (code {ExitCode}); its calls ended, the next call starts it again. Last stderr: {Stderr}")]
    private static partial void LogExited(ILogger logger, int? exitCode, string stderr);

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "WebRTC media front: {Line}")]
    private static partial void LogStderr(ILogger logger, string line);

    [LoggerMessage(EventId = 64, Level = LogLevel.Error, Message = "WebRTC media front: a control message could not be handled")]
    private static partial void LogBadLine(ILogger logger, Exception exception);

    /// <summary>One running front process: its stdin writer loop, stdout and stderr reader loops.</summary>
    private sealed class Running
    {
        private readonly WebRtcFront _owner;
        private readonly Process _process;
        private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _loops;

        public Running(WebRtcFront owner, Process process)
        {
            _owner = owner;
            _process = process;
            _loops = Task.WhenAll(WriteLoopAsync(), ReadLoopAsync(), ErrorLoopAsync());
        }

        public Task Ready => _ready.Task;

        public int ProcessId => _process.Id;

        public bool HasExited
        {
            get
            {
                try
                {
                    return _process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }

        public void Send(byte[] line) => _outgoing.Writer.TryWrite(line);

        /// <summary>Closes stdin (the front closes its calls and exits), then kills it if it has not exited after a moment.</summary>
        public async Task StopAsync()
        {
            _outgoing.Writer.TryComplete();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Kill();
            }

            await _loops.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            _process.Dispose();
        }

        public void Kill()
        {
            _outgoing.Writer.TryComplete();
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        private async Task WriteLoopAsync()
        {
            var stdin = _process.StandardInput.BaseStream;
            try
            {
                while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (_outgoing.Reader.TryRead(out var line))
                    {
                        await stdin.WriteAsync(line).ConfigureAwait(false);
                    }

                    await stdin.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The front went away; the reader loop reports it.
            }
            finally
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                }
            }
        }

        private async Task ReadLoopAsync()
        {
            try
            {
                while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("{\"op\":\"ready\"", StringComparison.Ordinal))
                    {
                        _ready.TrySetResult();
                        continue;
                    }

                    try
                    {
                        _owner.OnLine(line);
                    }
                    catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
                    {
                        LogBadLine(_owner._logger, ex);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
            }

            int? exitCode = null;
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
                exitCode = _process.ExitCode;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                Kill();
            }

            _outgoing.Writer.TryComplete();
            _ready.TrySetException(new WebRtcFrontException("The media front exited before it was ready.", offerRefused: false));
            _owner.OnExited(this, exitCode);
        }

        private async Task ErrorLoopAsync()
        {
            try
            {
                while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    _owner.OnStderr(line);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
            }
        }
    }
}

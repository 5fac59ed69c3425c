using System.Text;
using System.Text.Json;
using Orleans.Storage;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Write-behind persistence: storage never holds the event stream; writes are ordered, coalesced and retried.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task SlowStorageWrite_DoesNotDelayEventsToObservers_AndTheLatestStateIsWrittenAfter()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new GatedStorage();
        var silo = await SessionSilo.StartAsync(simulator, WriteBehindOnly, storage: storage);
        RecordingObserver observer;
        int writesBeforeFlush;
        try
        {
            var session = silo.Session("slow-store-" + Guid.NewGuid().ToString("N"));
            observer = await silo.AttachAsync(session);

            await session.SendTextAsync("hello").Within("send text");
            await session.CreateResponseAsync().Within("create response");
            await storage.FirstWriteWaiting.Within("the first state write reaches the closed gate");

            // The write is stuck at the gate; the whole response still reaches the observer.
            await observer.WaitForEventAsync("response.output_audio.delta");
            await observer.WaitForEventAsync("response.done");
            Assert.Equal(0, storage.CompletedWrites);
            Assert.Equal(1, storage.MaxInFlight);

            storage.Open();
            await storage.WaitForWriteContainingAsync("You said: hello").Within("the latest state written after the gate opens");
            writesBeforeFlush = storage.CompletedWrites;
        }
        finally
        {
            await silo.DisposeAsync(); // deactivation flushes once more
        }

        Assert.Equal(1, storage.MaxInFlight);
        Assert.Equal(0, storage.StaleWrites);
        Assert.Contains("You said: hello", storage.LastWritten, StringComparison.Ordinal);
        Assert.True(writesBeforeFlush < storage.Boundaries(observer), $"boundaries during the stuck write coalesce: {writesBeforeFlush} writes for {storage.Boundaries(observer)} boundaries");
    }

    [Fact]
    public async Task FailedWrite_IsRetriedAtTheNextBoundary_NothingLost()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new GatedStorage { FailWrites = 1 };
        storage.Open();
        await using var silo = await SessionSilo.StartAsync(simulator, WriteBehindOnly, storage: storage);
        var session = silo.Session("failing-store-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("remember me").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        await storage.WaitForWriteContainingAsync("You said: remember me").Within("a later boundary writes the whole conversation");
        Assert.Equal(1, storage.FailedWrites);
        Assert.Contains("\"remember me\"", storage.LastWritten, StringComparison.Ordinal);
        Assert.Equal(0, storage.StaleWrites);
    }

    [Fact]
    public async Task BoundariesWithinThePersistInterval_ShareOneWrite_MadeWhenTheIntervalEnds()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new GatedStorage();
        storage.Open();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SessionSilo.StartAsync(
            simulator,
            o =>
            {
                WriteBehindOnly(o);
                o.PersistInterval = TimeSpan.FromSeconds(1);
                o.Upstream.SessionLimit = TimeSpan.FromHours(2); // no rollover in this test
            },
            time,
            storage: storage);
        var session = silo.Session("interval-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("hello").Within("send text");
        await storage.WaitForWriteContainingAsync("\"hello\"").Within("the first boundary is written at once");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        // Time stands still: the response's boundaries wait for the interval to end.
        Assert.Equal(1, storage.CompletedWrites);
        Assert.DoesNotContain("You said: hello", storage.LastWritten, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(1));
        await storage.WaitForWriteContainingAsync("You said: hello").Within("one write of the whole response when the interval ends");
        Assert.Equal(2, storage.CompletedWrites);
        Assert.True(storage.Boundaries(observer) > 2, $"several boundaries ({storage.Boundaries(observer)}) shared the second write");
    }

    [Fact]
    public async Task Flush_CutsThePersistIntervalShort()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new GatedStorage();
        storage.Open();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var silo = await SessionSilo.StartAsync(
            simulator,
            o =>
            {
                WriteBehindOnly(o);
                o.PersistInterval = TimeSpan.FromSeconds(30);
                o.Upstream.SessionLimit = TimeSpan.FromHours(2);
            },
            time,
            storage: storage);
        try
        {
            var session = silo.Session("interval-flush-" + Guid.NewGuid().ToString("N"));
            var observer = await silo.AttachAsync(session);
            await session.SendTextAsync("first").Within("send text");
            await storage.WaitForWriteContainingAsync("\"first\"").Within("first write");
            await session.SendTextAsync("second").Within("send more text");
            await observer.WaitForEventAsync("conversation.item.done", count: 2);
            Assert.Equal(1, storage.CompletedWrites);
        }
        finally
        {
            await silo.DisposeAsync().AsTask().Within("shutdown flushes without waiting 30 s of (frozen) time");
        }

        Assert.Contains("\"second\"", storage.LastWritten, StringComparison.Ordinal);
        Assert.Equal(2, storage.CompletedWrites);
    }

    /// <summary>In-memory storage whose writes wait for a gate the test opens; ETag-checked; counts what happened.</summary>
    /// <summary>These tests count the conversation's write-behind writes: no lease records, no ownership write at activation (OwnershipTests cover those).</summary>
    private static void WriteBehindOnly(RealtimeSessionsOptions options) => options.Lease.Enabled = false;

    private sealed class GatedStorage : IGrainStorage
    {
        private readonly Lock _lock = new();
        private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
        private readonly Dictionary<string, (byte[] Json, string Etag)> _records = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstWriteWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public int FailWrites { get; set; }

        public int FailedWrites { get; private set; }

        public int CompletedWrites { get; private set; }

        public int StaleWrites { get; private set; }

        public int MaxInFlight { get; private set; }

        public string LastWritten { get; private set; } = string.Empty;

        public Task FirstWriteWaiting => _firstWriteWaiting.Task;

        public void Open() => _gate.TrySetResult();

        /// <summary>Item boundaries the observer saw (each marks the state dirty).</summary>
        public int Boundaries(RecordingObserver observer) => observer.ServerEventTypes.Count(t => t is "conversation.item.done" or "response.output_item.done" or "response.done");

        public async Task WaitForWriteContainingAsync(string text)
        {
            while (true)
            {
                Task written;
                lock (_lock)
                {
                    if (LastWritten.Contains(text, StringComparison.Ordinal))
                    {
                        return;
                    }

                    written = _written.Task;
                }

                await written;
            }
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_lock)
            {
                if (_records.TryGetValue(Key(stateName, grainId), out var record))
                {
                    grainState.State = JsonSerializer.Deserialize<T>(record.Json, s_json)!;
                    grainState.ETag = record.Etag;
                    grainState.RecordExists = true;
                }
            }

            return Task.CompletedTask;
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State, s_json);
            var expectedEtag = grainState.ETag;
            lock (_lock)
            {
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            }

            _firstWriteWaiting.TrySetResult();
            await _gate.Task.ConfigureAwait(false);
            TaskCompletionSource written;
            lock (_lock)
            {
                _inFlight--;
                if (FailWrites > 0)
                {
                    FailWrites--;
                    FailedWrites++;
                    throw new IOException("disk full (test)");
                }

                var key = Key(stateName, grainId);
                if ((_records.TryGetValue(key, out var stored) ? stored.Etag : null) != expectedEtag)
                {
                    StaleWrites++;
                    throw new InconsistentStateException("stale (test)");
                }

                var etag = Guid.NewGuid().ToString("N");
                _records[key] = (json, etag);
                grainState.ETag = etag;
                grainState.RecordExists = true;
                CompletedWrites++;
                LastWritten = Encoding.UTF8.GetString(json);
                written = _written;
                _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                written.TrySetResult();
            }
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_lock)
            {
                _records.Remove(Key(stateName, grainId));
                grainState.ETag = null;
                grainState.RecordExists = false;
                return Task.CompletedTask;
            }
        }

        private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
    }
}

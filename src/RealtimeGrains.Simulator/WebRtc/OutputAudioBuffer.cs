namespace RealtimeGrains.Simulator;

/// <summary>
/// The server-owned output audio buffer of a call (WebRTC rules): the session's reply audio (24 kHz PCM16, faster
/// than real time or not) is queued here and taken out one 20 ms frame per tick by the call's playout clock. It knows
/// which response and item each frame belongs to, so it can announce <c>output_audio_buffer.started</c>/<c>.stopped</c>
/// and, when cleared, how much of each item was actually heard. Not thread-safe: the call holds its lock around it.
/// </summary>
internal sealed class OutputAudioBuffer(int preRollMs)
{
    /// <summary>Bytes of one 20 ms frame of 24 kHz PCM16 mono.</summary>
    public const int FrameBytes = 20 * Pcm16.BytesPerMs24k;

    private readonly LinkedList<Segment> _queue = new();
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dropped = new(StringComparer.Ordinal);
    private readonly int _preRollBytes = preRollMs * Pcm16.BytesPerMs24k;
    private string? _playingResponse;
    private string? _playingItem;
    private int _playedBytes;

    /// <summary>Nothing playing and nothing queued.</summary>
    public bool IsIdle => _playingResponse is null && _queue.Count == 0;

    /// <summary>Queues audio of a response's item; audio of a response that was cleared is dropped.</summary>
    public void Append(string responseId, string itemId, ReadOnlySpan<byte> pcm)
    {
        if (pcm.Length > 0 && !_dropped.Contains(responseId))
        {
            _queue.AddLast(new Segment(responseId, itemId, pcm.ToArray()));
        }
    }

    /// <summary>Notes that a response is complete (<c>response.done</c>); returns its id if its playout has now drained.</summary>
    public string? MarkDone(string responseId)
    {
        _done.Add(responseId);
        return TryStop();
    }

    /// <summary>Writes the next frame into <paramref name="frame"/> (<see cref="FrameBytes"/> long), padding an item's last frame with silence.</summary>
    public OutputFrame TakeFrame(Span<byte> frame)
    {
        var stopped = TryStop();
        if (_queue.First is not { } head)
        {
            return new OutputFrame(false, null, stopped);
        }

        string? started = null;
        var segment = head.Value;
        if (_playingResponse is null)
        {
            // A response starts once enough is buffered to ride out the session's own pacing jitter, or all of it is there.
            if (!_done.Contains(segment.ResponseId) && QueuedBytes(segment.ResponseId, null) < _preRollBytes)
            {
                return new OutputFrame(false, null, stopped);
            }

            _playingResponse = started = segment.ResponseId;
            _playingItem = null;
        }
        else if (segment.ResponseId != _playingResponse)
        {
            // The next response waits until the playing one is done.
            return new OutputFrame(false, null, stopped);
        }

        if (segment.ItemId != _playingItem)
        {
            _playingItem = segment.ItemId;
            _playedBytes = 0;
        }

        if (QueuedBytes(_playingResponse, _playingItem) < FrameBytes && !ItemComplete(_playingItem))
        {
            return new OutputFrame(false, started, stopped);
        }

        var written = 0;
        while (written < FrameBytes && _queue.First is { } node && node.Value.ItemId == _playingItem)
        {
            var take = Math.Min(FrameBytes - written, node.Value.Pcm.Length - node.Value.Offset);
            node.Value.Pcm.AsSpan(node.Value.Offset, take).CopyTo(frame[written..]);
            node.Value.Offset += take;
            written += take;
            if (node.Value.Offset == node.Value.Pcm.Length)
            {
                _queue.RemoveFirst();
            }
        }

        frame[written..].Clear();
        _playedBytes += written;
        return new OutputFrame(true, started, stopped);
    }

    /// <summary>Drops everything queued (and any audio still to come of those responses); says what was cut.</summary>
    public OutputBufferClear Clear()
    {
        var responseId = _playingResponse ?? _queue.First?.Value.ResponseId;
        var truncations = new List<(string ItemId, int PlayedMs)>();
        var responses = new List<string>();
        if (_playingItem is not null && (!_done.Contains(_playingResponse!) || _queue.Any(s => s.ItemId == _playingItem)))
        {
            truncations.Add((_playingItem, _playedBytes / Pcm16.BytesPerMs24k));
        }

        if (_playingResponse is not null)
        {
            responses.Add(_playingResponse);
        }

        foreach (var segment in _queue)
        {
            if (segment.ItemId != _playingItem && !truncations.Exists(t => t.ItemId == segment.ItemId))
            {
                truncations.Add((segment.ItemId, 0));
            }

            if (!responses.Contains(segment.ResponseId))
            {
                responses.Add(segment.ResponseId);
            }
        }

        _dropped.UnionWith(responses);
        _queue.Clear();
        _playingResponse = null;
        _playingItem = null;
        _playedBytes = 0;
        return new OutputBufferClear(responseId, truncations, responses.Where(r => !_done.Contains(r)).ToList());
    }

    private string? TryStop()
    {
        if (_playingResponse is { } playing && _done.Contains(playing) && !_queue.Any(s => s.ResponseId == playing))
        {
            _playingResponse = null;
            _playingItem = null;
            return playing;
        }

        return null;
    }

    private int QueuedBytes(string responseId, string? itemId) =>
        _queue.Where(s => s.ResponseId == responseId && (itemId is null || s.ItemId == itemId)).Sum(s => s.Pcm.Length - s.Offset);

    /// <summary>No more audio can come for the item: its response is done, or audio of a later item is queued behind it.</summary>
    private bool ItemComplete(string itemId) =>
        _done.Contains(_playingResponse!) || _queue.Any(s => s.ItemId != itemId);

    private sealed class Segment(string responseId, string itemId, byte[] pcm)
    {
        public string ResponseId { get; } = responseId;

        public string ItemId { get; } = itemId;

        public byte[] Pcm { get; } = pcm;

        public int Offset { get; set; }
    }
}

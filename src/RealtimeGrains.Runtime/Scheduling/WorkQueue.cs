namespace RealtimeGrains.Runtime.Scheduling;

/// <summary>A small FIFO ring buffer of work items; not thread-safe (the activation's lock guards it).</summary>
internal struct WorkQueue
{
    private WorkItem[]? _items;
    private int _head;
    private int _count;

    public readonly int Count => _count;

    public void Enqueue(WorkItem item)
    {
        if (_items is null)
        {
            _items = new WorkItem[4];
        }
        else if (_count == _items.Length)
        {
            var grown = new WorkItem[_items.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _items[(_head + i) % _items.Length];
            }

            _items = grown;
            _head = 0;
        }

        _items[(_head + _count) % _items.Length] = item;
        _count++;
    }

    public bool TryDequeue(out WorkItem item)
    {
        if (_count == 0)
        {
            item = default;
            return false;
        }

        item = _items![_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        _count--;
        return true;
    }
}

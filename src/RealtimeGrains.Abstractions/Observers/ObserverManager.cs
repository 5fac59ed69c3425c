namespace RealtimeGrains;

/// <summary>
/// The observers subscribed to a grain. <see cref="NotifyAsync"/> pushes to each and drops those whose
/// reference is dead (<see cref="ObserverNotAvailableException"/>). Use it from grain turns only.
/// </summary>
/// <typeparam name="TObserver">The observer interface.</typeparam>
public sealed class ObserverManager<TObserver>
    where TObserver : IGrainObserver
{
    private readonly List<TObserver> _observers = [];

    /// <summary>The number of subscribed observers.</summary>
    public int Count => _observers.Count;

    /// <summary>Raised with each observer dropped because it was dead.</summary>
    public event Action<TObserver>? ObserverDropped;

    /// <summary>Adds an observer; adding one already present does nothing.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>Whether it was added.</returns>
    public bool Subscribe(TObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_observers.Contains(observer))
        {
            return false;
        }

        _observers.Add(observer);
        return true;
    }

    /// <summary>Removes an observer.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>Whether it was present.</returns>
    public bool Unsubscribe(TObserver observer) => _observers.Remove(observer);

    /// <summary>Calls <paramref name="notification"/> for every observer and drops the dead ones.</summary>
    /// <param name="notification">The call to make, for example <c>o =&gt; o.OnEventAsync(e)</c>.</param>
    /// <returns>The number of observers that received the notification.</returns>
    public async Task<int> NotifyAsync(Func<TObserver, Task> notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var delivered = 0;
        List<TObserver>? dead = null;
        foreach (var observer in _observers.ToArray())
        {
            try
            {
                await notification(observer);
                delivered++;
            }
            catch (ObserverNotAvailableException)
            {
                (dead ??= []).Add(observer);
            }
        }

        if (dead is not null)
        {
            foreach (var observer in dead)
            {
                _observers.Remove(observer);
                ObserverDropped?.Invoke(observer);
            }
        }

        return delivered;
    }
}

using System.Collections.Concurrent;

namespace RealtimeGrains.Fuzz.Hosting;

/// <summary>
/// Counts every log entry by level and keeps the Error/Critical ones (and any with an exception at warning or above)
/// from the product's, ASP.NET Core's, Kestrel's and SignalR's categories. Orleans' own runtime notes (a starved CPU,
/// slow grain calls on a loaded machine) are not about input and are only counted.
/// </summary>
internal sealed class LogCapture : ILoggerProvider
{
    private long _entries;

    public ConcurrentQueue<string> Errors { get; } = new();

    public long Entries => Interlocked.Read(ref _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message, Exception? exception)
    {
        Interlocked.Increment(ref _entries);
        var serious = level >= LogLevel.Error || (level >= LogLevel.Warning && exception is not null);
        if (serious && !category.StartsWith("Orleans", StringComparison.Ordinal))
        {
            Errors.Enqueue($"{level} {category}: {message} {exception}");
        }
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Add(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}

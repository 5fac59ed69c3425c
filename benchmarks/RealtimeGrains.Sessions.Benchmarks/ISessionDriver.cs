namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>One benchmark session, either through a session grain or straight to the simulator.</summary>
internal interface ISessionDriver : IAsyncDisposable
{
    /// <summary>Whether a response is streaming (no new ping until it is done).</summary>
    bool ResponseActive { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task AppendAsync(byte[] audio);

    /// <summary>Sends a user text and asks for a response; latency is measured to the first audio delta.</summary>
    Task PingAsync();
}

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>One answered turn.</summary>
/// <param name="Silo">The silo of the client that sent it.</param>
/// <param name="SentAt">When the user text went out (<see cref="BenchmarkClock"/>).</param>
/// <param name="FirstAudioAt">When the reply's first audio delta arrived.</param>
/// <param name="DoneAt">When its <c>response.done</c> arrived.</param>
internal sealed record TurnResult(string Silo, TimeSpan SentAt, TimeSpan FirstAudioAt, TimeSpan DoneAt)
{
    /// <summary>User text → first audio delta.</summary>
    public TimeSpan FirstAudio => FirstAudioAt - SentAt;
}

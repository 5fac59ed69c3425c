namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>Whether an event ended the client's current turn, and how.</summary>
internal enum TurnEnd
{
    None,
    Answered,
    LostTold,
    BargedIn,
}

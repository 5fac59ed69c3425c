namespace RealtimeGrains.LoadGen;

/// <summary>A live reading of a running phase for the progress display.</summary>
internal sealed record PhaseProgress(string Path, string Stage, int Target, int Started, long Connected, long Turns, double FirstAudioP50, double FirstAudioP99, long Errors, TimeSpan Elapsed);

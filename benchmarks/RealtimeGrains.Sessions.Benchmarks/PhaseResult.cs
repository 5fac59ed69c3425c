namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>What one phase measured.</summary>
internal sealed record PhaseResult(string Name, int Sessions, double Seconds, double CpuSeconds, double HeapBytesPerSession, int Pings, double P50, double P99, long AudioChunksSent);

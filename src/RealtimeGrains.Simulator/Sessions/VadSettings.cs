namespace RealtimeGrains.Simulator;

/// <summary>Server VAD parameters in effect.</summary>
internal sealed record VadSettings(double Threshold, int PrefixPaddingMs, int SilenceDurationMs, bool CreateResponse, bool InterruptResponse, int? IdleTimeoutMs = null);

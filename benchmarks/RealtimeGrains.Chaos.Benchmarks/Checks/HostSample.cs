namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>One reading of the host's <c>GET /_host/diagnostics</c>.</summary>
/// <param name="HeapBytes">Managed heap after a full compacting collection.</param>
/// <param name="Activations">Grain activations on the silo.</param>
/// <param name="SessionActivations">Session grain activations.</param>
/// <param name="Timers">The process's active <see cref="System.Threading.Timer"/>s.</param>
/// <param name="Sockets">Open socket handles of the process (<c>/proc/PID/fd</c>).</param>
internal sealed record HostSample(long HeapBytes, int Activations, int SessionActivations, int Timers, int Sockets);

using System.Globalization;

namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>Command line: <c>--sessions 1000 --seconds 30 --chunk-ms 100 --ramp-seconds 10 --port 5091 [--idle]</c> (idle: connect only, no audio).</summary>
internal sealed record LoadTestOptions(int Sessions, int Seconds, int ChunkMs, int RampSeconds, int Port, bool Idle)
{
    public static LoadTestOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new LoadTestOptions(Get("--sessions", 200), Get("--seconds", 30), Get("--chunk-ms", 100), Get("--ramp-seconds", 10), Get("--port", 5091), args.Contains("--idle"));
    }
}

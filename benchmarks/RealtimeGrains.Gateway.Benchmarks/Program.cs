using RealtimeGrains.Gateway.Benchmarks;

// Latency the gateway adds: the same text turns through the gateway (client token → session grain → upstream) and
// straight to the in-process simulator, in one run. Usage: dotnet run -c Release --project benchmarks/RealtimeGrains.Gateway.Benchmarks [-- TURNS [SESSIONS]]
var turns = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var sessions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
return await LatencyBenchmark.RunAsync(turns, sessions);

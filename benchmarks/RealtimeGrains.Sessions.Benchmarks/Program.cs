using RealtimeGrains.Sessions.Benchmarks;

// dotnet run -c Release --project benchmarks/RealtimeGrains.Sessions.Benchmarks -- [--sessions N] [--seconds S]
// (--serve is the simulator child process the benchmark starts itself.)
return args.Contains("--serve")
    ? await SimulatorProcess.ServeAsync()
    : await SessionsBenchmark.RunAsync(BenchmarkOptions.Parse(args));

using RealtimeGrains.Simulator.Benchmarks;

// `--serve --urls URL` hosts the simulator (the benchmark starts itself that way so server CPU is measured apart from the load).
return args.Contains("--serve")
    ? await SimulatorHost.RunAsync(args)
    : await LoadTest.RunAsync(LoadTestOptions.Parse(args));

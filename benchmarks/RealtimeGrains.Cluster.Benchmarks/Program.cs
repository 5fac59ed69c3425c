using RealtimeGrains.Cluster.Benchmarks;

// Failover of a real cluster on loopback; see README.md.
// dotnet run -c Release --project benchmarks/RealtimeGrains.Cluster.Benchmarks -- [--sessions 200] [--silos 3] [--turn-every 3s] [--settle 10s] [--deadline 60s] [--cross-silo-turns 40]
FailoverOptions options;
try
{
    options = FailoverOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(FailoverOptions.Usage);
    return 2;
}

return await FailoverBenchmark.RunAsync(options);

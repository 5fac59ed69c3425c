using RealtimeGrains.Chaos.Benchmarks;

// Upstream chaos under load and the soak (issue 14); see README.md.
// dotnet run -c Release --project benchmarks/RealtimeGrains.Chaos.Benchmarks -- chaos [--sessions 200] | soak [--sessions 50] [--duration 30m]
try
{
    switch (args)
    {
        case ["chaos", .. var rest]:
            var chaos = await ChaosRun.RunAsync(ChaosOptions.Parse(rest), Console.Out);
            chaos.Print(Console.Out);
            return chaos.Passed ? 0 : 1;
        case ["soak", .. var rest]:
            var soak = await SoakRun.RunAsync(SoakOptions.Parse(rest), Console.Out);
            soak.Print(Console.Out);
            return soak.Passed ? 0 : 1;
        default:
            Console.Error.WriteLine(ChaosOptions.Usage);
            Console.Error.WriteLine(SoakOptions.Usage);
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using RealtimeGrains.Protocol.Benchmarks;

// Short in-process job (3 warm-ups, 10 iterations of >= 100 ms): about a minute on a 2-core machine.
var job = Job.ShortRun
    .WithWarmupCount(3)
    .WithIterationCount(10)
    .WithMinIterationTime(TimeInterval.FromMilliseconds(100))
    .WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance
    .AddJob(job)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkSwitcher.FromTypes([typeof(AudioEventBenchmarks)])
    .Run(args.Length == 0 ? ["--filter", "*"] : args, config);

AudioThroughputReport.Print(summaries);

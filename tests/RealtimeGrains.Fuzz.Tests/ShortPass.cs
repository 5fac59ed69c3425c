using RealtimeGrains.Fuzz.Running;

namespace RealtimeGrains.Fuzz.Tests;

/// <summary>The suite's short pass: a fixed seed (printed with any failure, with the inputs that failed) and few inputs.</summary>
internal static class ShortPass
{
    public const int Seed = 14;

    public static void AssertPassed(FuzzReport report, ITestOutputHelper output)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Inputs > 0, "no input was tried");
        Assert.False(report.Failed, $"seed {report.Seed}: {report}" +
            "reproduce: dotnet run -c Release --project tools/RealtimeGrains.Fuzz -- --target " + report.Target + $" --seed {report.Seed} --inputs {report.Inputs}");
    }
}

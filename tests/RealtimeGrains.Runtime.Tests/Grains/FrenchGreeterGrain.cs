namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed class FrenchGreeterGrain : Grain, IGreeterGrain
{
    public Task<string> GreetAsync() => Task.FromResult("bonjour");
}

namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed class EnglishGreeterGrain : Grain, IGreeterGrain
{
    public Task<string> GreetAsync() => Task.FromResult("hello");
}

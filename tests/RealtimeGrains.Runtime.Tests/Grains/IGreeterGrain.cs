namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IGreeterGrain : IGrainWithStringKey
{
    Task<string> GreetAsync();
}

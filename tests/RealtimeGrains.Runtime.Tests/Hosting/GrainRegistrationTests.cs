using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Hosting;

public sealed class GrainRegistrationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AddGrain_ChoosesTheImplementation_OverGeneratedRegistration(bool french)
    {
        await using var silo = await TestSilo.StartAsync(b =>
        {
            if (french)
            {
                b.AddGrain<IGreeterGrain, FrenchGreeterGrain>();
            }
            else
            {
                b.AddGrain<IGreeterGrain, EnglishGreeterGrain>();
            }
        });

        var greeting = await silo.GrainFactory.GetGrain<IGreeterGrain>("g").GreetAsync().Within("greet");

        Assert.Equal(french ? "bonjour" : "hello", greeting);
    }
}

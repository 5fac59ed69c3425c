using Microsoft.Extensions.Options;
using RealtimeGrains.Simulator.Server;

if (ServerHelp.IsRequested(args))
{
    Console.WriteLine(ServerHelp.Text);
    return 0;
}

try
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddSimulatorServer();
    var app = builder.Build();
    app.MapSimulatorServer();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync(ServerHelp.InvalidConfiguration(ex));
    return 2;
}

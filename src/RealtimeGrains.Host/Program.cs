using Microsoft.Extensions.Options;
using RealtimeGrains.Host;

if (HostHelp.IsRequested(args))
{
    Console.WriteLine(HostHelp.Text);
    return 0;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddRealtimeGrainsHost();
    var app = builder.Build();
    app.MapRealtimeGrainsHost();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync(HostHelp.InvalidConfiguration(ex));
    return 2;
}

using Microsoft.Extensions.Hosting;
using RealtimeGrains.Runtime.Messaging;

namespace RealtimeGrains.Runtime.Hosting;

/// <summary>Starts the runtime's sweeps with the host and deactivates every grain when the host stops.</summary>
internal sealed class SiloHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}

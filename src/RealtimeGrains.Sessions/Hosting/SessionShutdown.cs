using Microsoft.Extensions.Hosting;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>
/// Whether the host is stopping: session grains then neither reconnect nor roll over upstream (the upstream may be
/// going down with the host, as the in-process simulator does), they persist and close.
/// </summary>
internal sealed class SessionShutdown(IHostApplicationLifetime? lifetime = null)
{
    public bool IsStopping => lifetime?.ApplicationStopping.IsCancellationRequested == true;
}

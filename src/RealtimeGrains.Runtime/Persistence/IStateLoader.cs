namespace RealtimeGrains.Runtime.Persistence;

/// <summary>Lets the activation read every injected state before OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}

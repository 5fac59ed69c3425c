namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IFlakyActivationGrain : IGrainWithGuidKey
{
    Task<Guid> GetKeyAsync();
}

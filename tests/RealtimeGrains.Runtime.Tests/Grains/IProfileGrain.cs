namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IProfileGrain : IGrainWithStringKey
{
    Task SetNameAsync(string name);

    Task<ProfileState> GetAsync();

    Task<bool> RecordExistsAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}

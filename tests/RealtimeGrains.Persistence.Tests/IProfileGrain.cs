namespace RealtimeGrains.Persistence.Tests;

/// <summary>A grain whose state is kept by the file storage.</summary>
public interface IProfileGrain : IGrainWithStringKey
{
    Task SetAsync(string name, int visits);

    Task<ProfileState> GetAsync();

    Task<bool> RecordExistsAsync();

    Task ClearAsync();
}

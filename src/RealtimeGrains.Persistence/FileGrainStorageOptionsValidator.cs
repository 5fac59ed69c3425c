using Orleans;
using Orleans.Runtime;

namespace RealtimeGrains.Persistence;

/// <summary>Checks the <see cref="FileGrainStorageOptions"/> of one provider at silo start-up and names the setting at fault.</summary>
/// <param name="options">The provider's options (after post-configuration).</param>
/// <param name="name">The provider name.</param>
internal sealed class FileGrainStorageOptionsValidator(FileGrainStorageOptions options, string name) : IConfigurationValidator
{
    /// <inheritdoc/>
    public void ValidateConfiguration()
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            failures.Add($"{nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.RootPath)} is required (the folder that holds the state files).");
        }
        else
        {
            try
            {
                _ = Path.GetFullPath(options.RootPath);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                failures.Add($"{nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.RootPath)} '{options.RootPath}' is not a valid path: {ex.Message}");
            }
        }

        if (options.MaxConcurrentWrites < 1)
        {
            failures.Add($"{nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.MaxConcurrentWrites)} must be at least 1 (was {options.MaxConcurrentWrites}).");
        }

        if (options.GrainStorageSerializer is null)
        {
            failures.Add($"{nameof(FileGrainStorageOptions)}.{nameof(FileGrainStorageOptions.GrainStorageSerializer)} is not set and no IGrainStorageSerializer is registered.");
        }

        if (failures.Count > 0)
        {
            throw new OrleansConfigurationException($"Configuration for file grain storage '{name}' is invalid. {string.Join(' ', failures)}");
        }
    }
}

namespace RealtimeGrains.Host;

/// <summary>The Azure Storage account of grain state (section <c>Host:AzureStorage</c>): a connection string, or a service URI with Microsoft Entra ID.</summary>
internal sealed class AzureStorageHostOptions
{
    /// <summary>A storage connection string (Azurite's for local runs). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service URI (<c>https://ACCOUNT.blob.core.windows.net</c>), authenticated with <c>DefaultAzureCredential</c> (managed identity in production).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The blob container of grain state. Default <c>grainstate</c>.</summary>
    public string ContainerName { get; set; } = "grainstate";
}

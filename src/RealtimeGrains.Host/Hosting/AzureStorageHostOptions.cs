namespace RealtimeGrains.Host;

/// <summary>
/// The Azure Storage account of grain state and cluster membership (section <c>Host:AzureStorage</c>): a connection string,
/// or service URIs with Microsoft Entra ID.
/// </summary>
internal sealed class AzureStorageHostOptions
{
    /// <summary>A storage connection string (Azurite's for local runs). Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service URI (<c>https://ACCOUNT.blob.core.windows.net</c>), authenticated with <c>DefaultAzureCredential</c> (managed identity in production).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The table service URI (<c>https://ACCOUNT.table.core.windows.net</c>) of cluster membership with <c>DefaultAzureCredential</c>; default: derived from <see cref="BlobServiceUri"/>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The table of cluster membership. Default <c>OrleansSiloInstances</c> (Orleans' own default).</summary>
    public string MembershipTableName { get; set; } = "OrleansSiloInstances";

    /// <summary>The blob container of grain state. Default <c>grainstate</c>.</summary>
    public string ContainerName { get; set; } = "grainstate";
}

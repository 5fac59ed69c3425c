using Azure.Identity;
using Azure.Storage.Blobs;
using RealtimeGrains.Sessions.Recording;

namespace RealtimeGrains.Host;

/// <summary>Session recordings next to the grain state: the store matching <see cref="RealtimeHostOptions.StateStore"/>.</summary>
internal static class RecordingHosting
{
    /// <summary>Binds <c>RealtimeSessions:Recording</c> and picks the store: memory, files under the state directory, or the state container.</summary>
    public static WebApplicationBuilder AddRealtimeRecordings(this WebApplicationBuilder builder, RealtimeHostOptions host)
    {
        builder.Services.AddOptions<SessionRecordingOptions>().Bind(builder.Configuration.GetSection(SessionRecordingOptions.SectionName));
        builder.Services.AddSessionRecordings();
        switch (host.StateStore)
        {
            case StateStoreKind.Memory:
                break;
            case StateStoreKind.AzureBlob:
                var storage = host.AzureStorage;
                builder.Services.UseBlobRecordingStore(() =>
                    (storage.ConnectionString is { Length: > 0 } connectionString
                        ? new BlobServiceClient(connectionString)
                        : new BlobServiceClient(storage.BlobServiceUri, new DefaultAzureCredential()))
                    .GetBlobContainerClient(storage.ContainerName));
                break;
            default:
                builder.Services.UseFileRecordingStore(Path.GetFullPath(host.StateDirectory, builder.Environment.ContentRootPath));
                break;
        }

        return builder;
    }
}

using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Host;
using RealtimeGrains.Sessions.Recording;

namespace RealtimeGrains.Gateway.Tests.Transcripts;

/// <summary>The recording settings: every one is in <c>--help</c>, and a bad one stops start-up naming it.</summary>
public sealed class RecordingSettingsTests
{
    [Theory]
    [InlineData("RealtimeSessions:Recording:Retention", "00:00:05")]
    [InlineData("RealtimeSessions:Recording:CleanupInterval", "00:00:00")]
    [InlineData("RealtimeSessions:Recording:FlushBytes", "4801")]
    [InlineData("RealtimeSessions:Recording:MaxQueuedChunks", "0")]
    [InlineData("RealtimeSessions:Recording:WriterConcurrency", "0")]
    public async Task InvalidRecordingSetting_FailsStartup_NamingTheSetting(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryRecordingSetting()
    {
        foreach (var property in typeof(SessionRecordingOptions).GetProperties())
        {
            Assert.Contains($"--{SessionRecordingOptions.SectionName}:{property.Name}=", HostHelp.Text, StringComparison.Ordinal);
        }
    }
}

using System.Text;
using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Reporting;

public sealed class TraceSummaryTests
{
    [Theory]
    [InlineData("RealtimeGrains.Sessions!RealtimeGrains.Sessions.RealtimeSessionGrain+<AppendAudioAsync>d__23.MoveNext()", "RealtimeSessionGrain.AppendAudioAsync")]
    [InlineData("RealtimeGrains.Runtime!RealtimeGrains.Runtime.Persistence.FileGrainStorage+<>c__DisplayClass6_0+<<WriteAsync>b__0>d.MoveNext()", "FileGrainStorage.WriteAsync")]
    [InlineData("System.Private.CoreLib!System.Buffer.MemmoveInternal(unsigned int8&,unsigned int8&,unsigned int)", "Buffer.MemmoveInternal")]
    public void ShortName_FrameNames_GiveTypeAndMethod(string frame, string expected)
    {
        Assert.Equal(expected, TraceSummary.ShortName(frame));
    }

    [Fact]
    public void Read_EventedProfile_SplitsManagedCpuFromIdleWaits()
    {
        // Thread 1: 30 ms managed CPU in AppendAudioAsync; thread 2: 70 ms parked in the thread pool's semaphore.
        const string json = """
            {"shared":{"frames":[
              {"name":"RealtimeGrains.Sessions!RealtimeGrains.Sessions.RealtimeSessionGrain+<AppendAudioAsync>d__23.MoveNext()"},
              {"name":"CPU_TIME"},
              {"name":"System.Private.CoreLib!System.Threading.LowLevelLifoSemaphore.WaitForSignal(int32)"},
              {"name":"UNMANAGED_CODE_TIME"},
              {"name":"Thread.StartCallback()"}]},
             "profiles":[
              {"type":"evented","events":[{"type":"O","frame":4,"at":0},{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":0},{"type":"C","frame":1,"at":30},{"type":"C","frame":0,"at":30},{"type":"C","frame":4,"at":30}]},
              {"type":"evented","events":[{"type":"O","frame":4,"at":0},{"type":"O","frame":2,"at":0},{"type":"O","frame":3,"at":0},{"type":"C","frame":3,"at":70},{"type":"C","frame":2,"at":70},{"type":"C","frame":4,"at":70}]}]}
            """;

        var summary = TraceSummary.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(0.3, summary.ManagedShare, 3);
        var text = summary.Render(5);
        Assert.Contains("| `RealtimeSessionGrain.AppendAudioAsync` | 100.0% |", text, StringComparison.Ordinal);
        Assert.Contains("idle waits 70.0%", text, StringComparison.Ordinal);
    }
}

using System.Text;
using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Reporting;

public sealed class TraceSummaryTests
{
    [Theory]
    [InlineData("RealtimeGrains.Sessions!RealtimeGrains.Sessions.RealtimeSessionGrain+<AppendAudioAsync>d__23.MoveNext()", "RealtimeSessionGrain.AppendAudioAsync")]
    [InlineData("RealtimeGrains.Persistence!RealtimeGrains.Persistence.FileGrainStorage+<>c__DisplayClass6_0+<<WriteAsync>b__0>d.MoveNext()", "FileGrainStorage.WriteAsync")]
    [InlineData("Orleans.Runtime!Orleans.Runtime.ActivationData+<RunMessageLoop>d__151.MoveNext()", "ActivationData.RunMessageLoop")]
    [InlineData("System.Private.CoreLib!System.Buffer.MemmoveInternal(unsigned int8&,unsigned int8&,unsigned int)", "Buffer.MemmoveInternal")]
    public void ShortName_FrameNames_GiveTypeAndMethod(string frame, string expected)
    {
        Assert.Equal(expected, TraceSummary.ShortName(frame));
    }

    [Theory]
    [InlineData("RealtimeGrains.Sessions!RealtimeGrains.Sessions.RealtimeSessionGrain+<AppendAudioAsync>d__23.MoveNext()", true)]
    [InlineData("Orleans.Runtime!Orleans.Runtime.Messaging.MessageCenter.SendMessage(class Orleans.Runtime.Message)", true)]
    [InlineData("Orleans.Serialization!Orleans.Serialization.Codecs.ByteArrayCodec.WriteField(…)", true)]
    [InlineData("RealtimeGrains.Abstractions!OrleansCodeGen.RealtimeGrains.Sessions.Proxy_IRealtimeSessionGrain.AppendAudioAsync(unsigned int8[])", true)]
    [InlineData("System.Private.CoreLib!System.Threading.Tasks.Task.ExecuteWithThreadLocal(…)", false)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel.Core!Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests(…)", false)]
    public void IsInclusiveFrame_ProductAndOrleansFrames(string frame, bool expected)
    {
        Assert.Equal(expected, TraceSummary.IsInclusiveFrame(frame));
    }

    [Fact]
    public void Read_OrleansFrames_CountInTheInclusiveTableLikeProductFrames()
    {
        // 40 ms of managed CPU in a memmove called from Orleans' message loop calling into the session grain; 60 ms in Kestrel alone.
        const string json = """
            {"shared":{"frames":[
              {"name":"Orleans.Runtime!Orleans.Runtime.ActivationData+<RunMessageLoop>d__151.MoveNext()"},
              {"name":"RealtimeGrains.Sessions!RealtimeGrains.Sessions.RealtimeSessionGrain+<AppendAudioAsync>d__23.MoveNext()"},
              {"name":"System.Private.CoreLib!System.Buffer.MemmoveInternal(unsigned int8&,unsigned int8&,unsigned int)"},
              {"name":"CPU_TIME"},
              {"name":"Microsoft.AspNetCore.Server.Kestrel.Core!Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol.ProcessRequests()"},
              {"name":"Thread.StartCallback()"}]},
             "profiles":[
              {"type":"evented","events":[{"type":"O","frame":5,"at":0},{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":0},{"type":"O","frame":2,"at":0},{"type":"O","frame":3,"at":0},{"type":"C","frame":3,"at":40},{"type":"C","frame":2,"at":40},{"type":"C","frame":1,"at":40},{"type":"C","frame":0,"at":40},{"type":"C","frame":5,"at":40}]},
              {"type":"evented","events":[{"type":"O","frame":5,"at":0},{"type":"O","frame":4,"at":0},{"type":"O","frame":3,"at":0},{"type":"C","frame":3,"at":60},{"type":"C","frame":4,"at":60},{"type":"C","frame":5,"at":60}]}]}
            """;

        var text = TraceSummary.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).Render(5);
        var start = text.IndexOf("inclusive (RealtimeGrains and Orleans frames", StringComparison.Ordinal);
        var inclusive = text[start..text.IndexOf("| native", start, StringComparison.Ordinal)];

        Assert.Contains("| `ActivationData.RunMessageLoop` | 40.0% |", inclusive, StringComparison.Ordinal);
        Assert.Contains("| `RealtimeSessionGrain.AppendAudioAsync` | 40.0% |", inclusive, StringComparison.Ordinal);
        Assert.DoesNotContain("ProcessRequests", inclusive, StringComparison.Ordinal);
        Assert.Contains("| `HttpProtocol.ProcessRequests` | 60.0% |", text[..start], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrleansWatchdogThreads_AreIdleWaits()
    {
        // Orleans' watchdog threads park in WaitHandle.WaitOne(TimeSpan) (WaitOneNoCheck inlined): 50 ms idle, 50 ms an fsync.
        const string json = """
            {"shared":{"frames":[
              {"name":"Orleans.Runtime!Orleans.Runtime.Watchdog.RunComponentWatchdog()"},
              {"name":"System.Private.CoreLib!System.Threading.WaitHandle.WaitOne(value class System.TimeSpan)"},
              {"name":"UNMANAGED_CODE_TIME"},
              {"name":"RealtimeGrains.Persistence!RealtimeGrains.Persistence.StateSlot.Write()"},
              {"name":"System.Private.CoreLib!Interop+Sys.FSync(class Microsoft.Win32.SafeHandles.SafeFileHandle)"},
              {"name":"System.Threading.Thread.StartCallback()"}]},
             "profiles":[
              {"type":"evented","events":[{"type":"O","frame":5,"at":0},{"type":"O","frame":0,"at":0},{"type":"O","frame":1,"at":0},{"type":"O","frame":2,"at":0},{"type":"C","frame":2,"at":50},{"type":"C","frame":1,"at":50},{"type":"C","frame":0,"at":50},{"type":"C","frame":5,"at":50}]},
              {"type":"evented","events":[{"type":"O","frame":5,"at":0},{"type":"O","frame":3,"at":0},{"type":"O","frame":4,"at":0},{"type":"O","frame":2,"at":0},{"type":"C","frame":2,"at":50},{"type":"C","frame":4,"at":50},{"type":"C","frame":3,"at":50},{"type":"C","frame":5,"at":50}]}]}
            """;

        var text = TraceSummary.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).Render(5);

        Assert.Contains("native code outside idle waits 50.0%, idle waits 50.0%", text, StringComparison.Ordinal);
        Assert.Contains("| `Interop+Sys.FSync` | 100.0% |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WaitHandle.WaitOne", text, StringComparison.Ordinal);
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

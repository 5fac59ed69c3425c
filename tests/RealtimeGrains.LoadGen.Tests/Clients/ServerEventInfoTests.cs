using System.Text;
using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Clients;

public sealed class ServerEventInfoTests
{
    private static ServerEventInfo Read(string json) => ServerEventInfo.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_GaAudioDelta_GivesDecodedByteCount()
    {
        var audio = Convert.ToBase64String(new byte[4800]);

        var info = Read($$"""{"type":"response.output_audio.delta","event_id":"e1","response_id":"r","item_id":"i","output_index":0,"content_index":0,"delta":"{{audio}}"}""");

        Assert.Equal(ServerEventKind.AudioDelta, info.Kind);
        Assert.Equal(4800, info.AudioBytes);
    }

    [Fact]
    public void Read_BetaAudioDeltaWithTypeLast_IsAnAudioDelta()
    {
        var info = Read($$"""{"delta":"{{Convert.ToBase64String(new byte[480])}}","type":"response.audio.delta"}""");

        Assert.Equal(ServerEventKind.AudioDelta, info.Kind);
        Assert.Equal(480, info.AudioBytes);
    }

    [Fact]
    public void Read_TranscriptDelta_IsNotAudio()
    {
        var info = Read("""{"type":"response.output_audio_transcript.delta","delta":"hello"}""");

        Assert.Equal(ServerEventKind.Other, info.Kind);
        Assert.Equal(0, info.AudioBytes);
    }

    [Fact]
    public void Read_ResponseDone_GivesNestedStatus()
    {
        var info = Read("""{"type":"response.done","response":{"id":"r","output":[{"type":"message","status":"incomplete"}],"status":"cancelled","status_details":{"type":"cancelled","reason":"turn_detected"}}}""");

        Assert.Equal(ServerEventKind.ResponseDone, info.Kind);
        Assert.Equal("cancelled", info.Status);
    }

    [Fact]
    public void Read_FunctionCallArgumentsDone_GivesCallId()
    {
        var info = Read("""{"type":"response.function_call_arguments.done","call_id":"call_42","name":"get_time","arguments":"{}"}""");

        Assert.Equal(ServerEventKind.FunctionCallArgumentsDone, info.Kind);
        Assert.Equal("call_42", info.CallId);
    }

    [Fact]
    public void Read_Error_GivesCode()
    {
        var info = Read("""{"type":"error","error":{"type":"invalid_request_error","code":"rate_limit_exceeded","message":"slow down"}}""");

        Assert.Equal(ServerEventKind.Error, info.Kind);
        Assert.Equal("rate_limit_exceeded", info.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"response.done","response":{"status":""")]
    [InlineData("""{"type":42}""")]
    public void Read_MalformedInput_IsOtherAndDoesNotThrow(string json)
    {
        var info = Read(json);

        Assert.Equal(ServerEventKind.Other, info.Kind);
    }
}

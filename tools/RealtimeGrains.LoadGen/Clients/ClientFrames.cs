using System.Text;
using System.Text.Json;

namespace RealtimeGrains.LoadGen;

/// <summary>The client events a load session sends besides audio (GA shapes).</summary>
internal static class ClientFrames
{
    /// <summary>Server VAD that answers and can be interrupted, PCM16 24 kHz both ways, the one function tool.</summary>
    public static readonly byte[] SessionUpdate = Encoding.UTF8.GetBytes(
        """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":200,"create_response":true,"interrupt_response":true}},"output":{"format":{"type":"audio/pcm","rate":24000}}},"tools":[{"type":"function","name":"""
        + "\"" + SimulatorSetup.ToolName + "\"" +
        ""","description":"The current time.","parameters":{"type":"object","properties":{}}}],"tool_choice":"auto"}}""");

    public static readonly byte[] ResponseCreate = Encoding.UTF8.GetBytes("""{"type":"response.create"}""");

    /// <summary>The tool's answer to call <paramref name="callId"/>.</summary>
    public static byte[] FunctionOutput(string callId) => Encoding.UTF8.GetBytes(
        $$$"""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":{{{JsonSerializer.Serialize(callId, LoadGenJsonContext.Default.String)}}},"output":"noon"}}""");
}

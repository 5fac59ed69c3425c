namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>An official npm client, as a conformance script of <c>tests/js/conformance</c> drives it.</summary>
public enum NodeClient
{
    /// <summary>npm <c>openai</c>: <c>AzureOpenAI</c> + <c>openai/beta/realtime/ws</c> <c>OpenAIRealtimeWS.azure()</c> (Azure preview, beta protocol).</summary>
    OpenAIAzurePreview,

    /// <summary>npm <c>openai</c>: <c>OpenAI</c> with <c>baseURL …/v1</c> + <c>openai/realtime/ws</c> (OpenAI GA protocol, Bearer).</summary>
    OpenAIGa,

    /// <summary>npm <c>openai</c>: <c>AzureOpenAI</c> + <c>openai/realtime/ws</c> <c>OpenAIRealtimeWS.azure()</c> (Azure GA, <c>/openai/v1/realtime</c>).</summary>
    OpenAIAzureGa,

    /// <summary>npm <c>@openai/agents-realtime</c>: <c>RealtimeAgent</c> with <c>tool()</c>s in a <c>RealtimeSession</c> over its WebSocket transport.</summary>
    AgentsRealtime,
}

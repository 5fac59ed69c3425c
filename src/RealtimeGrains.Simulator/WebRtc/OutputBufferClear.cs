namespace RealtimeGrains.Simulator;

/// <summary>What clearing a call's output buffer dropped.</summary>
/// <param name="ResponseId">The response that was playing, else the first one queued; null when the buffer was empty.</param>
/// <param name="Truncations">Assistant items whose audio was cut, each with the milliseconds actually played out.</param>
/// <param name="UnfinishedResponses">Dropped responses still being generated (no <c>response.done</c> yet): to cancel.</param>
internal sealed record OutputBufferClear(string? ResponseId, IReadOnlyList<(string ItemId, int PlayedMs)> Truncations, IReadOnlyList<string> UnfinishedResponses);

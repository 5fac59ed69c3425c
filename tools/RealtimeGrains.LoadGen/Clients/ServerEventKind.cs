namespace RealtimeGrains.LoadGen;

/// <summary>The server events a load session acts on; everything else is <see cref="Other"/>.</summary>
internal enum ServerEventKind
{
    Other,
    SessionUpdated,
    ResponseCreated,
    AudioDelta,
    FunctionCallArgumentsDone,
    ResponseDone,
    Error,
}

namespace RealtimeGrains.Sessions.Tests.Tools;

public sealed record SlowToolArguments(string Topic);

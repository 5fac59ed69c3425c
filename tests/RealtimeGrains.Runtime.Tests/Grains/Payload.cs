namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed record Payload(string Text, int[] Numbers);

// Writes grain state through the file storage in a loop until it is killed; prints "wrote N" after
// each completed write. The file-store crash test kills it mid-write and checks the file is whole.
using System.Text.Json;
using RealtimeGrains;
using RealtimeGrains.Runtime.CrashWriter;
using RealtimeGrains.Runtime.Persistence;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: RealtimeGrains.Runtime.CrashWriter <state-root>");
    return 2;
}

var storage = new FileGrainStorage(args[0]);
var grainId = new GrainId("crash", "writer");
var stored = await storage.ReadAsync("state", grainId);
var etag = stored?.Etag;
var sequence = stored is null ? 0 : JsonSerializer.Deserialize(stored.Data, CrashStateJsonContext.Default.CrashState)!.Sequence;
while (true)
{
    sequence++;
    var data = JsonSerializer.SerializeToUtf8Bytes(CrashState.For(sequence, 512 * 1024), CrashStateJsonContext.Default.CrashState);
    etag = await storage.WriteAsync("state", grainId, data, etag);
    Console.WriteLine($"wrote {sequence}");
}

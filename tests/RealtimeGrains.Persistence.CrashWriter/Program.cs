// Writes grain state through the file storage in a loop until it is killed; prints "wrote N" after
// each completed write. The file-store crash test kills it mid-write and checks the state is whole.
using Orleans;
using RealtimeGrains.Persistence.CrashWriter;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: RealtimeGrains.Persistence.CrashWriter <state-root>");
    return 2;
}

using var storage = CrashStorage.Open(args[0]);
var state = new GrainState<CrashState>();
await storage.ReadStateAsync(CrashStorage.StateName, CrashStorage.GrainId, state);
var sequence = state.RecordExists ? state.State!.Sequence : 0;
while (true)
{
    sequence++;
    state.State = CrashState.For(sequence, 512 * 1024);
    await storage.WriteStateAsync(CrashStorage.StateName, CrashStorage.GrainId, state);
    Console.WriteLine($"wrote {sequence}");
}

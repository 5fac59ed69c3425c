using FsCheck;
using FsCheck.Fluent;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Fuzz.Generation;
using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Targets;

/// <summary>
/// <see cref="RealtimeProtocol.ParseClientEvent(ReadOnlySpan{byte}, ProtocolDialect, ProtocolLimits?)"/> and
/// <c>ParseServerEvent</c>, both dialects, default and small limits. Properties: never throws; a failure is a
/// <see cref="ProtocolError"/> with a code and a message; a parsed event written back re-parses, and writing that again
/// gives the same bytes.
/// </summary>
internal sealed class ParserTarget : IFuzzTarget
{
    public const string TargetName = "parser";

    /// <summary>Small limits, so that every limit is crossed often and cheaply.</summary>
    private static readonly ProtocolLimits Small = new() { MaxFrameBytes = 64 * 1024, MaxAudioBytes = 4096, MaxStringLength = 2048, MaxEventIdLength = 32 };

    private static readonly Gen<CorpusEntry> Inputs =
        from dialect in Gen.Elements(ProtocolDialect.GA, ProtocolDialect.Beta)
        from server in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from small in Gen.Elements(true, false)
        from frame in FrameGen(dialect, server)
        select CorpusEntry.ForFrames(TargetName, dialect, [frame], server, small);

    private static readonly Dictionary<(ProtocolDialect, bool), Gen<byte[]>> Frames = new()
    {
        [(ProtocolDialect.GA, false)] = JsonGen.Frames(Seeds.ClientEvents(ProtocolDialect.GA)),
        [(ProtocolDialect.Beta, false)] = JsonGen.Frames(Seeds.ClientEvents(ProtocolDialect.Beta)),
        [(ProtocolDialect.GA, true)] = JsonGen.Frames(Seeds.ServerEvents(ProtocolDialect.GA)),
        [(ProtocolDialect.Beta, true)] = JsonGen.Frames(Seeds.ServerEvents(ProtocolDialect.Beta)),
    };

    public string Name => TargetName;

    public Task<FuzzReport> RunAsync(FuzzSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var report = new FuzzReport(Name, settings.Seed);
        var progress = settings.Throttled(TimeSpan.FromSeconds(5));
        for (long i = 0; i < settings.Inputs && !cancellationToken.IsCancellationRequested; i++)
        {
            Check(Sampler.Draw(Inputs, settings.Seed, i), i, report);
            progress(report);
        }

        report.Stop();
        return Task.FromResult(report);
    }

    public Task<FuzzReport> ReplayAsync(IReadOnlyList<CorpusEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var report = new FuzzReport(Name, 0);
        for (var i = 0; i < entries.Count; i++)
        {
            Check(entries[i], i, report);
        }

        report.Stop();
        return Task.FromResult(report);
    }

    private static Gen<byte[]> FrameGen(ProtocolDialect dialect, bool server) => Frames[(dialect, server)];

    private static string Difference(byte[] first, byte[] second)
    {
        var at = first.AsSpan().CommonPrefixLength(second);
        string Around(byte[] b) => System.Text.Encoding.UTF8.GetString(b, Math.Max(0, at - 60), Math.Min(b.Length, at + 60) - Math.Max(0, at - 60));
        return $"the first writing ({first.Length} bytes) and the second ({second.Length} bytes) differ at byte {at}: …{Around(first)}… then …{Around(second)}…";
    }

    private static void Check(CorpusEntry input, long index, FuzzReport report)
    {
        report.CountInput();
        var frame = input.FrameBytes().First();
        var limits = input.SmallLimits ? Small : ProtocolLimits.Default;
        try
        {
            var problem = input.Server
                ? CheckOne(RealtimeProtocol.ParseServerEvent(frame, input.Dialect, limits), input.Dialect, b => RealtimeProtocol.ParseServerEvent(b, input.Dialect), report)
                : CheckOne(RealtimeProtocol.ParseClientEvent(frame, input.Dialect, limits), input.Dialect, b => RealtimeProtocol.ParseClientEvent(b, input.Dialect), report);
            if (problem is not null)
            {
                report.Find(index, problem, input);
            }
        }
#pragma warning disable CA1031 // An exception of any type is the finding.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report.Find(index, $"threw {ex.GetType().FullName}: {ex.Message}", input);
        }
    }

    private static string? CheckOne<TEvent>(ParseResult<TEvent> parsed, ProtocolDialect dialect, Func<byte[], ParseResult<TEvent>> reparse, FuzzReport report)
        where TEvent : RealtimeEvent
    {
        if (!parsed.IsSuccess)
        {
            report.Refuse(parsed.Error.Code);
            return string.IsNullOrEmpty(parsed.Error.Code) || string.IsNullOrEmpty(parsed.Error.Message) ? $"a refusal without a code or message: {parsed.Error}" : null;
        }

        report.Accept();
        using (parsed.Event as IDisposable)
        {
            if (RealtimeProtocol.ToUtf8Bytes(parsed.Event, dialect) is not { } written)
            {
                // Only conversation.item.done has no beta form.
                return parsed.Event is ConversationItemDoneEvent ? null : $"a parsed {parsed.Event.GetType().Name} has no written form in {dialect}";
            }

            var again = reparse(written);
            if (!again.IsSuccess)
            {
                return $"the written form of a parsed {parsed.Event.GetType().Name} does not parse: {again.Error}; written: {FuzzReport.Shorten(System.Text.Encoding.UTF8.GetString(written), 300)}";
            }

            using (again.Event as IDisposable)
            {
                if (again.Event.GetType() != parsed.Event.GetType())
                {
                    return $"{parsed.Event.GetType().Name} re-parsed as {again.Event.GetType().Name}";
                }

                var rewritten = RealtimeProtocol.ToUtf8Bytes(again.Event, dialect);
                return rewritten is not null && rewritten.AsSpan().SequenceEqual(written) ? null
                    : $"{parsed.Event.GetType().Name} is not stable: {Difference(written, rewritten ?? [])}";
            }
        }
    }
}

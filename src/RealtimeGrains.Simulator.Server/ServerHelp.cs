using System.Globalization;
using Microsoft.Extensions.Options;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Server;

/// <summary>The <c>--help</c> text of the standalone simulator and its start-up failure text.</summary>
internal static class ServerHelp
{
    private const string S = SimulatorOptions.SectionName;

    /// <summary>Whether the arguments ask for help (<c>--help</c>, <c>-h</c>, <c>-?</c>, <c>/?</c>).</summary>
    public static bool IsRequested(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "/?");

    /// <summary>The failure text: one indented line per invalid setting, each naming it.</summary>
    public static string InvalidConfiguration(OptionsValidationException exception) =>
        "Invalid configuration:" + Environment.NewLine
        + string.Join(Environment.NewLine, exception.Failures.Select(f => "  " + f)) + Environment.NewLine
        + "The simulator did not start. Run with --help to list the settings.";

    /// <summary>The help text; defaults are read from a fresh <see cref="SimulatorOptions"/>, so they cannot drift.</summary>
    public static string Text
    {
        get
        {
            var d = new SimulatorOptions();
            (string Key, string What)[] settings =
            [
                ("ApiKeys:N=KEY", "Accepted API keys, N = 0, 1, … (default none: any key not starting with ek_)"),
                ("Deployments:N=NAME", "Deployments/models that exist, others get HTTP 404 (default none: any name)"),
                ("SpeedFactor=X", $"Output pace: 1 real time, 4 four times faster, 0 as fast as possible (default {Number(d.SpeedFactor)})"),
                ("AudioChunkMs=N", $"Milliseconds of audio per output audio delta, 10–2000 (default {Number(d.AudioChunkMs)})"),
                ("MaxSessionDuration=T", $"Session lifetime, then error session_expired (default {Span(d.MaxSessionDuration)})"),
                ("EphemeralKeyLifetime=T", $"Lifetime of preview/beta ephemeral keys (default {Span(d.EphemeralKeyLifetime)})"),
                ("MaxMessageBytes=N", $"Largest client WebSocket message, at least 1024 (default {Number(d.MaxMessageBytes)})"),
                ("TranscriptionDelayMs=N", $"Delay of input transcription events after a commit (default {Number(d.TranscriptionDelayMs)})"),
                ("PlaceholderTranscript=TEXT", $"Transcript of input audio that carries no tone code (default \"{d.PlaceholderTranscript}\")"),
                ("DisableOpenAIBeta=BOOL", $"Beta on /v1/realtime gets beta_api_shape_disabled, like OpenAI now (default {Bool(d.DisableOpenAIBeta)})"),
                ("KeepAliveInterval=T", $"Idle time before a keep-alive frame, 00:00:00 = none (default {Span(d.KeepAliveInterval)})"),
                ("KeepAliveTimeout=T", $"An unanswered ping aborts the socket; needs an interval (default {Span(d.KeepAliveTimeout)})"),
                ("RecordSessions=BOOL", $"Keep per-session records for inspection; false for load tests (default {Bool(d.RecordSessions)})"),
                ("FaultRates:ConnectRefusal=P", "Random faults, probabilities 0-1 (default 0): 429 per connect (Retry-After"),
                ("FaultRates:RefusalRetryAfter=T", $"  this long, default {Span(d.FaultRates.RefusalRetryAfter)}); DropMidResponse, Stall (StallDuration),"),
                ("FaultRates:Seed=N", "  EarlyExpiry (EarlyExpiryMin/Max), SlowRead (SlowReadDelay); seed of the draws"),
                ("WebRtc:Enabled=BOOL", $"WebRTC calls through the Node.js media front; without Node.js they answer 503 (default {Bool(d.WebRtc.Enabled)})"),
                ("WebRtc:NodePath=PATH", $"The Node.js executable, a path or a name on PATH (default {d.WebRtc.NodePath})"),
                ("WebRtc:FrontDirectory=PATH", "The media front's folder with node_modules (default: found next to the app or in the source tree)"),
                ("WebRtc:IceAddress=IP", $"Address of the front's ICE host candidate (default {d.WebRtc.IceAddress})"),
                ("WebRtc:IcePortMin=N", "UDP port range for ICE, with WebRtc:IcePortMax=N, 1024-65535 (default 0 and 0: any port)"),
                ("WebRtc:MaxCalls=N", $"Most calls at once, then 429 (default {Number(d.WebRtc.MaxCalls)})"),
                ("WebRtc:ConnectTimeout=T", $"An answered call must connect within this (default {Span(d.WebRtc.ConnectTimeout)})"),
                ("ScriptFilePath=PATH", "JSON file of more scripted-model rules (default none)"),
                ("Rules:N:Contains=TEXT", "A scripted-model rule (default none): it matches when the user's text contains TEXT,"),
                ("Rules:N:Regex=RE", "  and/or matches RE (groups usable as ${name} or $1);"),
                ("Rules:N:Reply=TEXT", "  it replies with TEXT ({input} = the user's text),"),
                ("Rules:N:FunctionCalls:M:Name=TOOL", "  or calls the declared tool TOOL"),
                ("Rules:N:FunctionCalls:M:Arguments=JSON", "  with these arguments,"),
                ("Rules:N:AfterToolReply=TEXT", "  and answers the outputs with TEXT ({output} = the outputs)."),
            ];
            var width = settings.Max(s => s.Key.Length) + S.Length + 6;
            var rows = string.Join(Environment.NewLine, settings.Select(s => $"  --{S}:{s.Key}".PadRight(width) + s.What));
            return $$"""
                RealtimeGrains simulator: an offline stand-in for the Azure OpenAI / OpenAI Realtime API
                (WebSocket, preview/beta and GA protocols, ephemeral keys, a scripted model).

                Usage: RealtimeGrains.Simulator.Server [--urls URLS] [--{{S}}:SETTING=VALUE ...]
                       dotnet run --project src/RealtimeGrains.Simulator.Server -- [the same options]

                  -h, --help    Show this text and exit (no server is started).
                  --urls URLS   Listen addresses, ';'-separated (default http://localhost:5000), e.g. --urls http://127.0.0.1:5080

                Endpoints: WebSocket /openai/realtime (Azure preview), /openai/v1/realtime (Azure GA), /v1/realtime (OpenAI;
                beta with OpenAI-Beta: realtime=v1); POST /openai/realtimeapi/sessions, /v1/realtime/sessions,
                /openai/v1/realtime/client_secrets, /v1/realtime/client_secrets (ephemeral keys); WebRTC: POST /openai/v1/realtime/calls,
                /v1/realtime/calls (SDP offer in, answer out), POST …/calls/{call_id}/hangup, POST /v1/realtimertc (preview),
                sideband WebSocket /openai/v1/realtime?call_id=…; GET /_simulator/connections.

                Settings (section {{S}}):
                {{rows}}
                Without a matching rule the model calls the declared tools the user's text asks for (honouring tool_choice),
                else it answers "You said: <text>".

                Passing settings:
                  Flag:         --{{S}}:ApiKeys:0=dev-key   (or --{{S}}:ApiKeys:0 dev-key)
                  Environment:  {{S}}__ApiKeys__0=dev-key   (':' becomes '__')
                  File:         appsettings.json in the working directory, { "{{S}}": { "ApiKeys": ["dev-key"] } }
                  Lists take an index (:0, :1, …); times are [d.]hh:mm:ss (00:00:30); booleans are true or false.
                  Logging as in any ASP.NET Core app, e.g. --Logging:LogLevel:Default=Warning.

                Invalid settings (out of range, not convertible, or an unknown {{S}} key) stop start-up with a
                message naming the setting, and exit code 2.
                """;
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Span(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan ? "off" : value.ToString("c", CultureInfo.InvariantCulture);
}

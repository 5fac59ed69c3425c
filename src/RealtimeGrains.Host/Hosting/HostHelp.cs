namespace RealtimeGrains.Host;

/// <summary>The <c>--help</c> text: every setting, settable in appsettings.json, as environment variables (<c>Upstream__ApiKey</c>) or as <c>--Upstream:ApiKey=…</c>.</summary>
internal static class HostHelp
{
    /// <summary>The start-up failure text: one line per invalid setting, each naming it.</summary>
    public static string InvalidConfiguration(Microsoft.Extensions.Options.OptionsValidationException exception) =>
        "Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, exception.Failures.Select(f => "  " + f))
        + Environment.NewLine + "Run with --help to list the settings.";

    public static bool IsRequested(string[] args) => args.Any(a => a is "--help" or "-h" or "-?" or "/?");

    public const string Text = """
        RealtimeGrains host: silo + gateway (+ in-process Realtime simulator by default).

        Usage: dotnet run --project src/RealtimeGrains.Host [-- --Setting=value ...]
        Settings come from appsettings.json, environment variables (Upstream__ApiKey=...) or the command line
        (--Upstream:ApiKey=...). Invalid settings stop start-up with a message naming the setting.

          --urls=URLS                       Listen addresses (default http://localhost:5000)
          --help                            Show this text

        Upstream (where sessions connect):
          --Upstream:Kind=KIND              Simulator (default) | AzureOpenAI | OpenAI
          --Upstream:Endpoint=URL           https://NAME.openai.azure.com, https://api.openai.com, or a simulator
          --Upstream:Deployment=NAME        Azure deployment / model name (default gpt-realtime)
          --Upstream:ApiVersion=VERSION     Azure preview API version (e.g. 2025-04-01-preview); empty = GA /openai/v1
          --Upstream:ApiKey=KEY             Azure api-key or OpenAI key (never logged or returned)
          --Upstream:UseEntraId=true        Azure: Microsoft Entra ID (DefaultAzureCredential) instead of a key
          --Upstream:ConnectTimeout=T       Deadline of one upstream handshake, retried with backoff (default 00:00:15)
          --Upstream:WebRtcUrl=URL          Azure preview WebRTC only: the regional URL a browser posts its offer to
                                            (https://REGION.realtimeapi-preview.ai.azure.com/v1/realtimertc; the simulator's own by default)

        Gateway (clients):
          --Gateway:ServerCredentials:0=S   Application server credential for POST /v1/realtime/sessions (>= 16 chars)
          --Gateway:TokenLifetime=T         Client token connect window (default 00:01:00)
          --Gateway:TokenSigningKey=B64     HMAC key for tokens (>= 32 bytes base64; default random per process)
          --Gateway:MaxHubMessageBytes=N    Largest SignalR message (default 262144)
          --Gateway:MaxRealtimeFrameBytes=N Largest Realtime WebSocket frame (default 4194304)
          --Gateway:MessagesPerSecond=N     Per-connection message rate (default 100, burst Gateway:MessageBurst=200)
          --Gateway:MaxClientsPerSession=N  Attached clients per session (default 8; one more: 429 / hub error)
          --Gateway:MaxConnectionsPerAddress=N  Open client connections per remote address (default 500)
          --Gateway:MaxAudioSpeed=X         Fastest input audio pace, times real time, past the burst (default 2)
          --Gateway:AudioBurst=T            Input audio a connection may send ahead of that pace (default 00:00:10)
          --Gateway:MaxClientQueueBytes=N   Unread server events per client before it is dropped (default 8388608)

        Host:
          --Host:StateStore=KIND            File (default) | Memory | AzureBlob (Orleans' Azure Blob provider)
          --Host:StateDirectory=DIR         Folder of file state (default .state, in the app's folder)
          --Host:AzureStorage:ConnectionString=S  AzureBlob: a storage connection string (Azurite locally; never logged)
          --Host:AzureStorage:BlobServiceUri=URL  AzureBlob: https://ACCOUNT.blob.core.windows.net with DefaultAzureCredential
          --Host:AzureStorage:ContainerName=N     AzureBlob: the container of grain state (default grainstate)
          --Host:SiloPort=N                 Orleans silo port (default 11111; one per host on a machine)

        Cluster (several silos; see docs/architecture.md "Cluster"):
          --Host:Clustering=KIND            Localhost (default: one silo) | AzureTable (membership in Azure Table storage)
          --Host:AzureStorage:TableServiceUri=URL  AzureTable with DefaultAzureCredential (default: from BlobServiceUri)
          --Host:AzureStorage:MembershipTableName=N  Membership table (default OrleansSiloInstances)
          --Host:AdvertisedAddress=IP       Address other silos reach this one on (127.0.0.1 for a cluster on one machine)
          --Host:SiloName=NAME              This silo's name in logs and upstream connects (default MACHINE:SILOPORT)
          --Host:Kubernetes=BOOL            Orleans' Kubernetes hosting: pod name, POD_IP, pods of dead silos (default false;
                                            needs AzureTable; see infra/README.md)
          --Host:Membership:ProbeTimeout=T  Failure-detection probe timeout (default 00:00:01)
          --Host:Membership:MissedProbesLimit=N, --Host:Membership:VotesForDeath=N  (defaults 2 and 2)
          --RealtimeSessions:Lease:Duration=T  Session ownership lease of a silo (default 00:00:03)
          --RealtimeSessions:Lease:RenewEvery=T  How often the lease is renewed (default 00:00:00.750)
          A cluster needs Host:StateStore=AzureBlob and the same Gateway:TokenSigningKey on every silo.
          --Host:ClusterId=ID, --Host:ServiceId=ID  Orleans cluster and service ids (default realtimegrains)
          --Host:MaxConcurrentStateWrites=N File writes (fsync) at once (default 0 = processor count, at least 2)
          --Host:InProcessSimulator=BOOL    Run the simulator in process under /sim (default true)
          --Host:SamplePage=BOOL            Serve the browser page and its loopback-only token endpoint (default true)
          --Host:DiagnosticsEndpoint=BOOL   GET /_host/diagnostics: heap, activations, timers; loopback only (default false)

        Operations (see docs/architecture.md "Operations"):
          --Host:Dashboard:Enabled=BOOL     Orleans dashboard + sessions page at /dashboard, login with a server credential
                                            (default: on in Development when Gateway:ServerCredentials is set, else off)
          --Host:Dashboard:LoginLifetime=T  Operator login cookie lifetime (default 01:00:00)
          /healthz (process up) and /readyz (silo active, state store, upstream) are always served, without login.

        Sessions:
          --RealtimeSessions:IdleTimeout=T  Unattached session stays active this long (default 00:02:00)
          --RealtimeSessions:PersistInterval=T  Shortest time between a session's state writes (default 00:00:01; 0 = every item)
          --RealtimeSessions:Upstream:StallTimeout=T  Upstream silent this long mid-response: given up, retried (default 00:00:30)
          --RealtimeSessions:Upstream:CircuitFailureThreshold=N  Failed connects in a row that open the upstream circuit
                                            for RealtimeSessions:Upstream:CircuitOpenDuration (defaults 20 and 00:00:05)
          --RealtimeSimulator:FaultRates:ConnectRefusal=P (and DropMidResponse, Stall, EarlyExpiry, SlowRead)  Random
                                            faults of the simulator, probabilities 0-1 (default 0; see its README)

        WebRTC (docs/webrtc.md): POST /v1/realtime/calls (client token + SDP offer), /v1/realtime/client_secrets, the
        sessions URL with ?webrtc=true (preview). The in-process simulator's media front needs Node.js (npm ci in
        src/RealtimeGrains.Simulator/webrtc-front, done by the build and scripts/install-test-deps.sh):
          --RealtimeSimulator:WebRtc:Enabled=BOOL   WebRTC calls in the simulator (default true; without Node.js they answer 503)
          --RealtimeSimulator:WebRtc:IceAddress=IP  The simulator's ICE host candidate (default 127.0.0.1: browsers on this machine)
          --RealtimeSimulator:WebRtc:MaxCalls=N     Most simulated calls at once (default 100)

        Recordings (WAV per session and direction, next to the state; GET /v1/sessions/{id}/recording):
          --RealtimeSessions:Recording:Enabled=BOOL       Record both directions' audio (default false; PCM16 sessions only)
          --RealtimeSessions:Recording:Retention=T        Delete recordings this long after their last write (default 7.00:00:00)
          --RealtimeSessions:Recording:CleanupInterval=T  How often the clean-up runs (default 01:00:00)
          --RealtimeSessions:Recording:FlushBytes=N       Audio buffered per direction before a store write (default 96000 = 2 s)
          --RealtimeSessions:Recording:MaxQueuedChunks=N  Buffers waiting for the store before audio is dropped (default 1024)
          --RealtimeSessions:Recording:WriterConcurrency=N  Store writes at once (default 4)
        """;
}

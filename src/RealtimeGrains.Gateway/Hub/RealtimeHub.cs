using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;

using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>
/// The SignalR hub (<c>/hubs/realtime</c>). A client attaches with a client token, then streams PCM16 audio up,
/// sends text and events, controls responses and reports playback; every server event of the session reaches every
/// attached client as <c>serverEvent(json)</c> (GA-shaped Realtime JSON). Only deliberate <see cref="HubException"/>
/// texts reach clients.
/// </summary>
public sealed class RealtimeHub : Hub
{
    private readonly ClientTokenService _tokens;
    private readonly IRealtimeSessionConnector _connector;
    private readonly HubClientRegistry _registry;
    private readonly IHubContext<RealtimeHub> _context;
    private readonly GatewayOptions _options;
    private readonly ILogger<RealtimeHub> _logger;
    private readonly TimeProvider _time;
    private readonly RefusalLogBudget _refusals;

    /// <summary>Created per invocation by SignalR.</summary>
    /// <param name="tokens">Token service.</param>
    /// <param name="connector">Session connector.</param>
    /// <param name="context">Hub context used to push server events.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="services">Service provider (internal state lookup).</param>
    public RealtimeHub(ClientTokenService tokens, IRealtimeSessionConnector connector, IHubContext<RealtimeHub> context,
        IOptions<GatewayOptions> options, ILogger<RealtimeHub> logger, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = tokens;
        _connector = connector;
        _context = context;
        _options = options.Value;
        _logger = logger;
        _registry = services.GetRequiredService<HubClientRegistry>();
        _time = services.GetRequiredKeyedService<TimeProvider>(RealtimeClock.ServiceKey);
        _refusals = services.GetRequiredService<RefusalLogBudget>();
    }

    /// <summary>Attaches this connection to the token's session (new, or existing = resume) and returns a resume token.</summary>
    /// <param name="token">A client token (from the sessions endpoint, or a previous resume token).</param>
    /// <returns>The session id and a resume token.</returns>
    public async Task<HubAttachResult> Attach(string token)
    {
        var client = _registry.GetOrAdd(Context.ConnectionId, id => new HubClient(id, _context, _options, _time, _logger, Context.Abort));
        if (client.IsAttached && client.HasMoved && _registry.Remove(Context.ConnectionId) is { } moved)
        {
            // The session told this connection to reconnect: a new attach (with the resume token) replaces the old one.
            await moved.DisposeAsync().ConfigureAwait(false);
            client = _registry.GetOrAdd(Context.ConnectionId, id => new HubClient(id, _context, _options, _time, _logger, Context.Abort));
        }

        if (client.IsAttached)
        {
            throw new HubException("This connection is already attached to a session.");
        }

        TokenCheck outcome;
        ClientTokenGrant? grant;
        try
        {
            (outcome, grant) = await _tokens.RedeemAsync(token, Context.ConnectionAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            throw new HubException("Unavailable: " + ex.Message);
        }

        if (outcome != TokenCheck.Valid)
        {
            if (_refusals.TryTake(Context.ConnectionId))
            {
                GatewayLog.ClientTokenRejected(_logger, "hub", outcome);
            }

            throw new HubException("Unauthorized: the client token is missing, invalid, expired or already used.");
        }

        try
        {
            client.Bind(await _connector.AttachAsync(grant!, client, Context.ConnectionAborted).ConfigureAwait(false));
        }
        catch (SessionUnavailableException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (SessionFullException ex)
        {
            throw new HubException("Too many clients: " + ex.Message);
        }

        GatewayLog.ClientAttached(_logger, Context.ConnectionId, grant!.SessionId, "signalr");
        MintedToken resume;
        try
        {
            resume = await _tokens.MintAsync(grant.SessionId, null, _options.ResumeTokenLifetime, Context.ConnectionAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            throw new HubException("Unavailable: " + ex.Message);
        }

        return new HubAttachResult(grant.SessionId, resume.Value, resume.ExpiresAt.ToUnixTimeSeconds());
    }

    /// <summary>Sends any client event (GA-shaped Realtime JSON), validated like the Realtime endpoint does.</summary>
    /// <param name="json">The event.</param>
    /// <returns>A task.</returns>
    public async Task SendEvent(string json)
    {
        var client = Client();
        var parsed = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json ?? ""), ProtocolDialect.GA);
        if (parsed.Event is not { } clientEvent)
        {
            GatewayLog.BadClientEvent(_logger, Context.ConnectionId, client.Attachment.SessionId, parsed.Error!.Code);
            client.SendError(parsed.Error);
            throw new HubException($"Invalid event: {parsed.Error.Message}");
        }

        using (clientEvent as IDisposable)
        {
            if (clientEvent is UnknownClientEvent unknown)
            {
                var error = ProtocolErrors.UnknownEventType(unknown.WireType, ProtocolDialect.GA, unknown.EventId);
                client.SendError(error);
                throw new HubException($"Invalid event: {error.Message}");
            }

            if (clientEvent is InputAudioBufferAppendEvent append)
            {
                await client.AudioPacer.WaitAsync(append.Audio.Length, Context.ConnectionAborted).ConfigureAwait(false);
            }

            if (await client.Attachment.SendAsync(clientEvent, Context.ConnectionAborted).ConfigureAwait(false) is { } rejected)
            {
                client.SendError(rejected);
                throw new HubException($"Event not accepted: {rejected.Message}");
            }
        }
    }

    /// <summary>Adds a user text message and asks for a response.</summary>
    /// <param name="text">The text (1–4096 characters).</param>
    /// <returns>A task.</returns>
    public async Task SendText(string text)
    {
        var client = Client();
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096)
        {
            throw new HubException("Text must be 1 to 4096 characters.");
        }

        await client.Attachment.SendAsync(new ConversationItemCreateEvent { EventId = ProtocolIds.NewEventId(), Item = RealtimeItem.UserText(text) }).ConfigureAwait(false);
        await client.Attachment.SendAsync(new ResponseCreateEvent { EventId = ProtocolIds.NewEventId() }).ConfigureAwait(false);
    }

    /// <summary>Streams microphone audio up: base64 PCM16 24 kHz mono chunks. A bad chunk earns an <c>error</c> event and is dropped.</summary>
    /// <param name="chunks">The stream.</param>
    /// <returns>A task that completes when the stream ends.</returns>
    public async Task StreamAudio(IAsyncEnumerable<string> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var client = Client();
        var maxBytes = _options.MaxHubMessageBytes;
        await foreach (var chunk in WithCancellation(chunks, Context.ConnectionAborted).ConfigureAwait(false))
        {
            if (!client.Limiter.TryAcquire())
            {
                if (_refusals.TryTake(Context.ConnectionId))
                {
                    GatewayLog.RateLimited(_logger, Context.ConnectionId, client.Attachment.SessionId);
                }

                client.SendError(ProtocolErrors.Create("rate_limit_exceeded", "Too many audio chunks; slow down."));
                continue;
            }

            var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(chunk?.Length ?? 0)];
            if (chunk is null || !Convert.TryFromBase64String(chunk, buffer, out var written) || written % 2 != 0 || written > maxBytes)
            {
                client.SendError(ProtocolErrors.InvalidValue("audio", "Audio chunks must be base64 PCM16 (an even number of bytes)."));
                continue;
            }

            await client.AudioPacer.WaitAsync(written, Context.ConnectionAborted).ConfigureAwait(false);
            using var append = new InputAudioBufferAppendEvent(buffer.AsMemory(0, written)) { EventId = ProtocolIds.NewEventId() };
            await client.Attachment.SendAsync(append, Context.ConnectionAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the input audio buffer (when server VAD is off).</summary>
    /// <returns>A task.</returns>
    public Task CommitAudio() => Forward(new InputAudioBufferCommitEvent { EventId = ProtocolIds.NewEventId() });

    /// <summary>Asks the model for a response.</summary>
    /// <returns>A task.</returns>
    public Task CreateResponse() => Forward(new ResponseCreateEvent { EventId = ProtocolIds.NewEventId() });

    /// <summary>Cancels the response in progress (barge-in).</summary>
    /// <returns>A task.</returns>
    public Task CancelResponse() => Forward(new ResponseCancelEvent { EventId = ProtocolIds.NewEventId() });

    /// <summary>Reports how much of an assistant item's audio this client has played.</summary>
    /// <param name="itemId">The assistant item.</param>
    /// <param name="playedMs">Milliseconds played so far.</param>
    /// <returns>A task.</returns>
    public async Task ReportPlayback(string itemId, int playedMs)
    {
        var client = Client();
        if (string.IsNullOrEmpty(itemId) || itemId.Length > 128 || playedMs < 0)
        {
            throw new HubException("Invalid playback report.");
        }

        lock (client.PlayedMs)
        {
            client.PlayedMs[itemId] = playedMs;
        }

        await client.Attachment.ReportPlaybackAsync(itemId, playedMs).ConfigureAwait(false);
    }

    /// <summary>Client barge-in: the session cancels the response and truncates the playing item at what was played.</summary>
    /// <param name="playedMs">Milliseconds played of the current item, or null for the last reported position.</param>
    /// <returns>A task.</returns>
    public async Task Interrupt(int? playedMs)
    {
        if (playedMs < 0)
        {
            throw new HubException("Invalid interrupt request.");
        }

        await Client().Attachment.InterruptAsync(playedMs).ConfigureAwait(false);
    }

    /// <summary>Truncates an assistant item's audio at what this client played (or <paramref name="audioEndMs"/>, whichever is less).</summary>
    /// <param name="itemId">The assistant item.</param>
    /// <param name="audioEndMs">Optional end; default the last reported playback position.</param>
    /// <returns>A task.</returns>
    public Task Truncate(string itemId, int? audioEndMs)
    {
        var client = Client();
        int played;
        lock (client.PlayedMs)
        {
            played = client.PlayedMs.GetValueOrDefault(itemId ?? "", audioEndMs ?? 0);
        }

        if (string.IsNullOrEmpty(itemId) || audioEndMs < 0)
        {
            throw new HubException("Invalid truncate request.");
        }

        var end = Math.Min(audioEndMs ?? played, played);
        return Forward(new ConversationItemTruncateEvent { EventId = ProtocolIds.NewEventId(), ItemId = itemId, ContentIndex = 0, AudioEndMs = end });
    }

    /// <summary>Detaches this connection from its session (the session lives on).</summary>
    /// <returns>A task.</returns>
    public async Task Detach()
    {
        if (_registry.Remove(Context.ConnectionId) is { } client)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (_registry.Remove(Context.ConnectionId) is { } client)
        {
            if (client.IsAttached)
            {
                GatewayLog.ClientDetached(_logger, Context.ConnectionId, client.Attachment.SessionId);
            }

            await client.DisposeAsync().ConfigureAwait(false);
        }

        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    private HubClient Client()
    {
        var client = _registry.Find(Context.ConnectionId);
        if (client is null || !client.IsAttached)
        {
            throw new HubException("Not attached to a session; call Attach first.");
        }

        if (!client.Limiter.TryAcquire())
        {
            if (_refusals.TryTake(Context.ConnectionId))
            {
                GatewayLog.RateLimited(_logger, Context.ConnectionId, client.Attachment.SessionId);
            }

            throw new HubException("Rate limit exceeded; slow down.");
        }

        return client;
    }

    private async Task Forward(ClientEvent clientEvent)
    {
        if (await Client().Attachment.SendAsync(clientEvent, Context.ConnectionAborted).ConfigureAwait(false) is { } rejected)
        {
            throw new HubException($"Event not accepted: {rejected.Message}");
        }
    }

    private static async IAsyncEnumerable<string> WithCancellation(IAsyncEnumerable<string> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}

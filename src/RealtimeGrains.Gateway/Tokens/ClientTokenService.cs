using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;

using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>
/// Mints and redeems short-lived, single-use client tokens bound to one session id and its configuration.
/// A token is <c>rgt_</c> + base64url(<c>id|session|expiry|config hash</c>) + <c>.</c> + base64url(HMAC-SHA256);
/// the signature rejects forgeries, the <see cref="ITokenLedger"/> of unspent tokens rejects replays (cluster-wide with the
/// grain ledger of the host; every silo then needs the same <see cref="GatewayOptions.TokenSigningKey"/>).
/// </summary>
public sealed class ClientTokenService
{
    private const string Prefix = "rgt_";
    private readonly ITokenLedger _ledger;
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly GatewayOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Gateway options (lifetimes, signing key).</param>
    /// <param name="time">Clock that drives expiry.</param>
    /// <param name="ledger">The record of unspent tokens; default one in this process.</param>
    public ClientTokenService(IOptions<GatewayOptions> options, [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time, ITokenLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _ledger = ledger ?? new LocalTokenLedger(time);
        _key = string.IsNullOrEmpty(_options.TokenSigningKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(_options.TokenSigningKey);
    }

    /// <summary>Whether <paramref name="sessionId"/> is acceptable as a session id (1–64 of <c>[A-Za-z0-9_-]</c>).</summary>
    /// <param name="sessionId">The candidate id.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidSessionId(string? sessionId) =>
        sessionId is { Length: > 0 and <= 64 } && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Mints a token for <paramref name="sessionId"/> (a new session id when null).</summary>
    /// <param name="sessionId">Existing session to resume, or null for a new one.</param>
    /// <param name="sessionConfigJson">Session configuration to apply on attach, or null.</param>
    /// <param name="lifetime">Connect window; default <see cref="GatewayOptions.TokenLifetime"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token.</returns>
    public async Task<MintedToken> MintAsync(string? sessionId, string? sessionConfigJson, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        sessionId ??= ProtocolIds.NewSessionId();
        if (!IsValidSessionId(sessionId))
        {
            throw new ArgumentException("Invalid session id.", nameof(sessionId));
        }

        var now = _time.GetUtcNow();
        var expiresAt = now + (lifetime ?? _options.TokenLifetime);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var payload = $"{id}|{sessionId}|{expiresAt.ToUnixTimeMilliseconds()}|{Hash(sessionConfigJson)}";
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        var token = Prefix + Base64Url(payloadBytes) + "." + Base64Url(HMACSHA256.HashData(_key, payloadBytes));
        await _ledger.RecordAsync(id, new ClientTokenGrant(sessionId, sessionConfigJson, expiresAt), cancellationToken).ConfigureAwait(false);
        return new MintedToken(token, expiresAt, sessionId);
    }

    /// <summary>Checks a token and, when valid, spends it.</summary>
    /// <param name="token">The presented token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome and, only for <see cref="TokenCheck.Valid"/>, the grant.</returns>
    public async Task<(TokenCheck Outcome, ClientTokenGrant? Grant)> RedeemAsync(string? token, CancellationToken cancellationToken = default)
    {
        var checkedToken = await CheckAndSpendAsync(token, cancellationToken).ConfigureAwait(false);
        GatewayTelemetry.TokenChecked(checkedToken.Outcome);
        return checkedToken;
    }

    private async Task<(TokenCheck Outcome, ClientTokenGrant? Grant)> CheckAndSpendAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (TokenCheck.Missing, null);
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || dot < 0 || token.Length > 1024
            || !TryFromBase64Url(token.AsSpan(Prefix.Length, dot - Prefix.Length), out var payloadBytes)
            || !TryFromBase64Url(token.AsSpan(dot + 1), out var signature))
        {
            return (TokenCheck.Malformed, null);
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payloadBytes)))
        {
            return (TokenCheck.BadSignature, null);
        }

        var parts = Encoding.UTF8.GetString(payloadBytes).Split('|');
        if (parts.Length != 4 || !long.TryParse(parts[2], out var expiresMs) || parts[0].Length != 32 || !parts[0].All(char.IsAsciiHexDigitLower))
        {
            return (TokenCheck.Malformed, null);
        }

        if (_time.GetUtcNow().ToUnixTimeMilliseconds() >= expiresMs)
        {
            await _ledger.SpendAsync(parts[0], cancellationToken).ConfigureAwait(false);
            return (TokenCheck.Expired, null);
        }

        var found = await _ledger.SpendAsync(parts[0], cancellationToken).ConfigureAwait(false);
        if (found is null || found.SessionId != parts[1] || Hash(found.SessionConfigJson) != parts[3])
        {
            return (TokenCheck.Replayed, null);
        }

        return (TokenCheck.Valid, found);
    }

    private static string Hash(string? json) =>
        json is null ? "-" : Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || text.Length > 1024)
        {
            return false;
        }

        var padded = new StringBuilder(text.Length + 3).Append(text).Replace('-', '+').Replace('_', '/');
        while (padded.Length % 4 != 0)
        {
            padded.Append('=');
        }

        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded.ToString(), buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}

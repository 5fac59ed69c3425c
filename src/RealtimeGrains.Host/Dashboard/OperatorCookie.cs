using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RealtimeGrains.Gateway;

namespace RealtimeGrains.Host;

/// <summary>
/// Issues and checks the operator login cookie: <c>v1.&lt;unix expiry&gt;.&lt;HMAC-SHA256&gt;</c>. The MAC key is derived from
/// <c>Gateway:TokenSigningKey</c> (shared by every silo of a cluster, so a login is valid on all of them; a random key per
/// process when unset) and from the server credential logged in with: removing that credential ends its logins. The
/// cookie carries neither the credential nor anything derived from it alone.
/// </summary>
internal sealed class OperatorCookie
{
    private const string Version = "v1";
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("realtimegrains/operator-cookie/v1");
    private readonly byte[] _key;
    private readonly GatewayOptions _gateway;
    private readonly TimeProvider _time;

    public OperatorCookie(IOptions<GatewayOptions> gateway, IOptions<RealtimeHostOptions> host, TimeProvider time)
    {
        _gateway = gateway.Value;
        _time = time;
        Lifetime = host.Value.Dashboard.LoginLifetime;
        var signing = TryDecode(_gateway.TokenSigningKey) ?? RandomNumberGenerator.GetBytes(32);
        _key = HMACSHA256.HashData(signing, Purpose);
    }

    /// <summary>How long an issued cookie is valid.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>A cookie value for a login with <paramref name="credential"/> (already checked to be a server credential).</summary>
    public (string Value, DateTimeOffset Expires) Issue(string credential)
    {
        var expires = _time.GetUtcNow() + Lifetime;
        var unix = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return ($"{Version}.{unix}.{WebEncoders.Base64UrlEncode(Mac(credential, unix))}", expires);
    }

    /// <summary>Whether <paramref name="value"/> is an unexpired cookie issued for one of the current server credentials.</summary>
    public bool IsValid(string? value)
    {
        var parts = value?.Split('.');
        if (parts is not [Version, var unix, var mac] || !long.TryParse(unix, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = WebEncoders.Base64UrlDecode(mac);
        }
        catch (FormatException)
        {
            return false;
        }

        var match = false;
        foreach (var credential in _gateway.ServerCredentials)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, Mac(credential, unix));
        }

        return match;
    }

    private byte[] Mac(string credential, string unix)
    {
        var perCredential = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(credential));
        return HMACSHA256.HashData(perCredential, Encoding.UTF8.GetBytes("operator|" + unix));
    }

    private static byte[]? TryDecode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null; // the gateway's validator reports the bad key at start-up
        }
    }
}

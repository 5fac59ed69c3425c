using System.Text;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Gateway;

/// <summary>A session configuration sent over HTTP (token mint, call, client secret), checked exactly as a <c>session.update</c> would be.</summary>
internal static class SessionConfigCheck
{
    /// <summary>Null when <paramref name="json"/> is a valid session object in <paramref name="dialect"/>; else the error for the caller.</summary>
    public static ConfigError? Validate(string json, ProtocolDialect dialect)
    {
        var check = Parse(json, dialect);
        try
        {
            if (check.IsSuccess)
            {
                return null;
            }

            var param = check.Error!.Param is { } p && p.StartsWith("session.", StringComparison.Ordinal) ? p["session.".Length..] : check.Error.Param;
            return new ConfigError(check.Error.Code ?? "invalid_value", check.Error.Message ?? "Invalid session configuration.", param);
        }
        finally
        {
            (check.Event as IDisposable)?.Dispose();
        }
    }

    /// <summary>The settings of a valid session object (see <see cref="Validate"/>); null when it is not valid.</summary>
    public static RealtimeSessionSettings? ToSettings(string json, ProtocolDialect dialect)
    {
        var check = Parse(json, dialect);
        return check.Event is SessionUpdateEvent { Session: { } config } ? SessionMapping.ToSettings(config) : null;
    }

    private static ParseResult<ClientEvent> Parse(string json, ProtocolDialect dialect) =>
        RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes($$"""{"type":"session.update","session":{{json}}}"""), dialect);
}

using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>A session configuration that came with an HTTP request (already checked), and the protocol generation it is in.</summary>
/// <param name="Json">The session object.</param>
/// <param name="Dialect">Beta (token and preview endpoints) or GA (calls and client secrets).</param>
internal sealed record SessionConfigJson(string Json, ProtocolDialect Dialect);

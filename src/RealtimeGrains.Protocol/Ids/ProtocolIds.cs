using System.Security.Cryptography;

namespace RealtimeGrains.Protocol;

/// <summary>Generates protocol ids: a prefix plus random alphanumerics (<c>event_</c> + 21, like the real service).</summary>
public static class ProtocolIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Length of the random part.</summary>
    public const int RandomLength = 21;

    /// <summary><c>event_…</c>.</summary>
    public static string NewEventId() => New("event_");

    /// <summary><c>item_…</c>.</summary>
    public static string NewItemId() => New("item_");

    /// <summary><c>resp_…</c>.</summary>
    public static string NewResponseId() => New("resp_");

    /// <summary><c>call_…</c>.</summary>
    public static string NewCallId() => New("call_");

    /// <summary><c>sess_…</c>.</summary>
    public static string NewSessionId() => New("sess_");

    /// <summary><c>conv_…</c>.</summary>
    public static string NewConversationId() => New("conv_");

    /// <summary><c>ek_…</c> (ephemeral key).</summary>
    public static string NewEphemeralKey() => New("ek_");

    /// <summary>An id with any prefix.</summary>
    /// <param name="prefix">The prefix, including its underscore.</param>
    public static string New(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return string.Create(prefix.Length + RandomLength, prefix, static (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            RandomNumberGenerator.GetItems(Alphabet, span[p.Length..]);
        });
    }

    /// <summary>True when <paramref name="id"/> is <paramref name="prefix"/> followed by 1–64 alphanumerics.</summary>
    /// <param name="id">The id.</param>
    /// <param name="prefix">The expected prefix.</param>
    public static bool HasPrefix(string? id, string prefix)
    {
        if (id is null || !id.StartsWith(prefix, StringComparison.Ordinal) || id.Length == prefix.Length || id.Length > prefix.Length + 64)
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

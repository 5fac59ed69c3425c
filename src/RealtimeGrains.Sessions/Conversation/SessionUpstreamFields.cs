using RealtimeGrains.Protocol;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// The session fields the grain does not interpret but keeps for the client and passes to every upstream session as
/// written (<see cref="RealtimeSessionSettings.UpstreamFieldsJson"/>): sampling, limits, noise reduction, the details
/// of turn detection, tracing, truncation, prompt, include. Held in the protocol library's generation-neutral shape,
/// so a beta client's settings reach a GA upstream (and back) in that upstream's own form.
/// </summary>
public static class SessionUpstreamFields
{
    /// <summary>The pass-through fields of a client's update as a JSON object, or null when it sets none.</summary>
    /// <param name="update">The client's (partial) session configuration.</param>
    /// <returns>The JSON object, or null.</returns>
    public static string? Capture(SessionConfig update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var fields = new SessionConfig();
        var any = false;
        Copy(update, fields, ref any);
        return any ? ProtocolModelJson.Serialize(fields) : null;
    }

    /// <summary>Sets the stored pass-through fields on an outgoing configuration (they win over what the grain set).</summary>
    /// <param name="target">The configuration to send or echo.</param>
    /// <param name="json">The stored fields (<see cref="RealtimeSessionSettings.UpstreamFieldsJson"/>), or null.</param>
    public static void ApplyTo(SessionConfig target, string? json)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (json is null || ProtocolModelJson.Deserialize<SessionConfig>(json) is not { } fields)
        {
            return;
        }

        var any = false;
        Copy(fields, target, ref any);
    }

    private static void Copy(SessionConfig from, SessionConfig to, ref bool any)
    {
        to.Temperature = Pick(from, to, SessionFields.Temperature, from.Temperature, to.Temperature, ref any);
        to.MaxOutputTokens = Pick(from, to, SessionFields.MaxOutputTokens, from.MaxOutputTokens, to.MaxOutputTokens, ref any);
        to.Speed = Pick(from, to, SessionFields.Speed, from.Speed, to.Speed, ref any);
        to.InputAudioNoiseReduction = Pick(from, to, SessionFields.InputAudioNoiseReduction, from.InputAudioNoiseReduction, to.InputAudioNoiseReduction, ref any);
        to.Tracing = Pick(from, to, SessionFields.Tracing, from.Tracing, to.Tracing, ref any);
        to.Truncation = Pick(from, to, SessionFields.Truncation, from.Truncation, to.Truncation, ref any);
        to.Prompt = Pick(from, to, SessionFields.Prompt, from.Prompt, to.Prompt, ref any);
        to.Include = Pick(from, to, SessionFields.Include, from.Include, to.Include, ref any);

        // Turn detection's type is the grain's own setting; a client's full object (threshold, silence, eagerness…) rides along.
        if (from.TurnDetection is { } turnDetection)
        {
            to.TurnDetection = turnDetection;
            to.SetExplicitNull(SessionFields.TurnDetection, false);
            any = true;
        }
    }

    /// <summary>The source's value when it sets the field (a JSON null included), else the target's.</summary>
    private static T? Pick<T>(SessionConfig from, SessionConfig to, string field, T? value, T? current, ref bool any)
    {
        if (from.IsExplicitNull(field))
        {
            to.SetExplicitNull(field);
            any = true;
            return default;
        }

        if (value is null)
        {
            return current;
        }

        to.SetExplicitNull(field, false);
        any = true;
        return value;
    }
}

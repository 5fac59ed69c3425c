namespace RealtimeGrains.Protocol;

/// <summary>Error types and codes used on the wire (section 11.2).</summary>
public static class ProtocolErrorCodes
{
    /// <summary>Error type of every client-caused error.</summary>
    public const string InvalidRequestError = "invalid_request_error";

    /// <summary>Error type of server faults.</summary>
    public const string ServerError = "server_error";

    /// <summary>The frame is not valid JSON (or not a JSON object).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>Malformed client event, e.g. no <c>type</c>.</summary>
    public const string InvalidEvent = "invalid_event";

    /// <summary>Bad enum/value; unknown client event type (<c>param:"type"</c>); bad base64.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A field has the wrong JSON type.</summary>
    public const string InvalidType = "invalid_type";

    /// <summary>A field the server does not know.</summary>
    public const string UnknownParameter = "unknown_parameter";

    /// <summary>A required field is absent (e.g. GA <c>session.type</c>).</summary>
    public const string MissingRequiredParameter = "missing_required_parameter";

    /// <summary>A string (or base64 audio) is longer than allowed.</summary>
    public const string StringAboveMaxLength = "string_above_max_length";

    /// <summary>The whole frame is larger than allowed.</summary>
    public const string EventTooLarge = "event_too_large";

    /// <summary>Commit with less than 100 ms buffered.</summary>
    public const string InputAudioBufferCommitEmpty = "input_audio_buffer_commit_empty";

    /// <summary><c>response.create</c> while a response is active.</summary>
    public const string ConversationAlreadyHasActiveResponse = "conversation_already_has_active_response";

    /// <summary><c>response.cancel</c> with nothing active.</summary>
    public const string ResponseCancelNotActive = "response_cancel_not_active";

    /// <summary>Truncate of an unknown item.</summary>
    public const string ItemTruncateInvalidItemId = "item_truncate_invalid_item_id";

    /// <summary>Delete of an unknown item.</summary>
    public const string ItemDeleteInvalidItemId = "item_delete_invalid_item_id";

    /// <summary>Retrieve of an unknown item.</summary>
    public const string ItemRetrieveInvalidItemId = "item_retrieve_invalid_item_id";

    /// <summary>Voice change after audio output.</summary>
    public const string CannotUpdateVoice = "cannot_update_voice";

    /// <summary>Session lifetime reached.</summary>
    public const string SessionExpired = "session_expired";

    /// <summary>Beta protocol used where disabled.</summary>
    public const string BetaApiShapeDisabled = "beta_api_shape_disabled";
}

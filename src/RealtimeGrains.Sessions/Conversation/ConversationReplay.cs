using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// Turns the persisted items into <c>conversation.item.create</c> events that rebuild the conversation in a
/// fresh upstream session (resume, reconnect, rollover). Items keep their ids. Messages are replayed as text
/// (the transcript stands in for audio, which is not kept). A function call is replayed together with its
/// output, as the two items the model produced and read; a call that has no output yet is left out
/// (the tool run that would answer it belongs to the old upstream session), and so is an output without its call.
/// Messages with no words (audio never transcribed, a response cut before its first word) are left out.
/// </summary>
internal static class ConversationReplay
{
    public static List<ConversationItemCreateEvent> Build(IReadOnlyList<ConversationItem> items)
    {
        var answered = items.Where(i => i.Type == ItemTypes.FunctionCallOutput && i.CallId is not null).Select(i => i.CallId!).ToHashSet(StringComparer.Ordinal);
        var called = items.Where(i => i.Type == ItemTypes.FunctionCall && i.CallId is not null).Select(i => i.CallId!).ToHashSet(StringComparer.Ordinal);
        var events = new List<ConversationItemCreateEvent>(items.Count);
        foreach (var item in items)
        {
            var replayed = ToProtocol(item, answered, called);
            if (replayed is not null)
            {
                events.Add(new ConversationItemCreateEvent { EventId = ProtocolIds.NewEventId(), Item = replayed });
            }
        }

        return events;
    }

    private static RealtimeItem? ToProtocol(ConversationItem item, HashSet<string> answered, HashSet<string> called)
    {
        switch (item.Type)
        {
            case ItemTypes.Message:
                var words = item.Words;
                if (string.IsNullOrEmpty(words))
                {
                    return null;
                }

                var partType = item.Role == "assistant" ? ContentPartTypes.OutputText : ContentPartTypes.InputText;
                return new RealtimeItem
                {
                    Id = item.Id,
                    Type = ItemTypes.Message,
                    Role = item.Role ?? "user",
                    Content = [new ContentPart { Type = partType, Text = words }],
                };
            case ItemTypes.FunctionCall when item.CallId is not null && answered.Contains(item.CallId):
                return new RealtimeItem { Id = item.Id, Type = ItemTypes.FunctionCall, CallId = item.CallId, Name = item.Name, Arguments = item.Arguments ?? "{}" };
            case ItemTypes.FunctionCallOutput when item.CallId is not null && called.Contains(item.CallId):
                return new RealtimeItem { Id = item.Id, Type = ItemTypes.FunctionCallOutput, CallId = item.CallId, Output = item.Output ?? string.Empty };
            default:
                return null;
        }
    }
}

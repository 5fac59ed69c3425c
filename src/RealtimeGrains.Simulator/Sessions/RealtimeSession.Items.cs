using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Conversation items: create (with <c>previous_item_id</c>), retrieve, truncate, delete.</summary>
internal sealed partial class RealtimeSession
{
    private void HandleItemCreate(RealtimeItem item, string? previousItemId, string? eventId)
    {
        var error = ValidateNewItem(item, eventId);
        if (error is not null)
        {
            EmitError(error);
            return;
        }

        int index;
        if (previousItemId is null)
        {
            index = _items.Count;
        }
        else if (previousItemId == "root")
        {
            index = 0;
        }
        else
        {
            var previousIndex = _items.FindIndex(e => e.Id == previousItemId);
            if (previousIndex < 0)
            {
                EmitError(ProtocolErrors.InvalidValue("previous_item_id", $"Error adding item: the previous item with id '{previousItemId}' does not exist.", eventId));
                return;
            }

            index = previousIndex + 1;
        }

        item.Id ??= ProtocolIds.NewItemId();
        item.ObjectType = "realtime.item";
        item.Status = "completed";
        var entry = new ConversationEntry(item)
        {
            UnderstoodText = item.Type == ItemTypes.Message
                ? string.Join(' ', (item.Content ?? []).Select(p => p.Text ?? p.Transcript).Where(t => !string.IsNullOrEmpty(t)))
                : null,
        };
        _items.Insert(index, entry);
        var previous = index == 0 ? null : _items[index - 1].Id;
        EmitItemAdded(previous, item);
        EmitItemDone(previous, item);
        SnapshotItems();
    }

    private ProtocolError? ValidateNewItem(RealtimeItem item, string? eventId)
    {
        if (item.Id is not null && _items.Exists(e => e.Id == item.Id))
        {
            return ProtocolErrors.InvalidValue("item.id", $"Error adding item: an item with id '{item.Id}' already exists.", eventId);
        }

        switch (item.Type)
        {
            case ItemTypes.Message:
                if (item.Role is not ("user" or "assistant" or "system"))
                {
                    return ProtocolErrors.InvalidValue("item.role", $"Invalid value: '{item.Role}'. Supported values are: 'user', 'assistant', and 'system'.", eventId);
                }

                foreach (var part in item.Content ?? [])
                {
                    if (part is null)
                    {
                        return ProtocolErrors.Create(ProtocolErrorCodes.InvalidType, "Invalid type for 'item.content': expected an array of objects, but got a null element.", "item.content", eventId);
                    }

                    var allowed = item.Role switch
                    {
                        "system" => part.Type == ContentPartTypes.InputText,
                        "user" => part.Type is ContentPartTypes.InputText or ContentPartTypes.InputAudio or ContentPartTypes.InputImage,
                        _ => part.Type is ContentPartTypes.OutputText or ContentPartTypes.BetaText,
                    };
                    if (!allowed)
                    {
                        return ProtocolErrors.InvalidValue("item.content.type", $"Invalid content type '{part.Type}' for a {item.Role} message.", eventId);
                    }
                }

                return null;
            case ItemTypes.FunctionCall:
                return item.CallId is null || item.Name is null
                    ? ProtocolErrors.MissingRequiredParameter(item.CallId is null ? "item.call_id" : "item.name", eventId)
                    : null;
            case ItemTypes.FunctionCallOutput:
                if (item.CallId is null)
                {
                    return ProtocolErrors.MissingRequiredParameter("item.call_id", eventId);
                }

                return _items.Exists(e => e.Item.Type == ItemTypes.FunctionCall && e.Item.CallId == item.CallId)
                    ? null
                    : ProtocolErrors.InvalidValue("item.call_id", $"Tool call output with call_id '{item.CallId}' does not match any function call in the conversation.", eventId);
            default:
                return ProtocolErrors.InvalidValue("item.type", $"Invalid value: '{item.Type}'. Supported values are: 'message', 'function_call', and 'function_call_output'.", eventId);
        }
    }

    private void HandleItemRetrieve(string itemId, string? eventId)
    {
        var entry = _items.Find(e => e.Id == itemId);
        if (entry is null)
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.ItemRetrieveInvalidItemId, $"Error retrieving item: the item with id '{itemId}' does not exist.", "item_id", eventId));
            return;
        }

        EmitItemRetrieved(entry);
    }

    private void HandleItemDelete(string itemId, string? eventId)
    {
        var index = _items.FindIndex(e => e.Id == itemId);
        if (index < 0)
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.ItemDeleteInvalidItemId, $"Error deleting item: the item with id '{itemId}' does not exist.", "item_id", eventId));
            return;
        }

        _items.RemoveAt(index);
        _record?.AddDeletion(itemId);
        EmitItemDeleted(itemId);
        SnapshotItems();
    }

    private void HandleItemTruncate(string itemId, int contentIndex, int audioEndMs, string? eventId)
    {
        var entry = _items.Find(e => e.Id == itemId);
        if (entry is null)
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.ItemTruncateInvalidItemId, $"Item with item_id not found: {itemId}", "item_id", eventId));
            return;
        }

        if (entry.Item.Type != ItemTypes.Message || entry.Item.Role != "assistant")
        {
            EmitError(ProtocolErrors.InvalidValue("item_id", $"Only assistant messages can be truncated; item '{itemId}' is not one.", eventId));
            return;
        }

        var content = entry.Item.Content ?? [];
        if (contentIndex < 0 || contentIndex >= content.Count || ContentPartTypes.ToModel(content[contentIndex].Type) != ContentPartTypes.OutputAudio)
        {
            EmitError(ProtocolErrors.InvalidValue("content_index", $"Invalid content_index {contentIndex}: the item has no audio content part there.", eventId));
            return;
        }

        if (audioEndMs < 0 || audioEndMs > entry.AudioMs)
        {
            EmitError(ProtocolErrors.InvalidValue("audio_end_ms", $"Audio content of {entry.AudioMs}ms is already shorter than {audioEndMs}ms", eventId));
            return;
        }

        // Keep only what was heard: the audio up to audio_end_ms and the transcript characters spoken before it.
        var spoken = entry.SpokenText ?? content[contentIndex].Transcript ?? string.Empty;
        var heard = 0;
        while (heard < spoken.Length && ToneCode.CharacterStartMs(heard) < audioEndMs)
        {
            heard++;
        }

        content[contentIndex].Transcript = spoken[..heard];
        entry.SpokenText = spoken[..heard];
        entry.AudioMs = audioEndMs;
        _record?.AddTruncation(new SimulatorTruncation(itemId, contentIndex, audioEndMs));
        EmitItemTruncated(itemId, contentIndex, audioEndMs);
        SnapshotItems();
    }
}

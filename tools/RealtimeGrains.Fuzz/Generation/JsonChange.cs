namespace RealtimeGrains.Fuzz.Generation;

/// <summary>One structural mutation: what, where (an index into the seed's value slots, modulo their count), with what.</summary>
internal sealed record JsonChange(ChangeKind Kind, int Pick, string Value, string Type);

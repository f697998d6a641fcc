namespace TinyMlDevice.Simulator.Ble;

/// <summary>What happened on the simulated radio link.</summary>
public enum BleEventKind
{
    /// <summary>A notification the client received.</summary>
    Notified,
    /// <summary>A notification the link lost (the client never saw it).</summary>
    NotifyFailed,
    /// <summary>The client read a characteristic (Status on connect).</summary>
    Read,
    /// <summary>The client wrote a characteristic (Control, ModelUpdate); Bytes is what it wrote.</summary>
    Written,
    Connected,
    Disconnected,
}

/// <summary>One entry of the BLE log: when (virtual µs since power-on), what, on which characteristic, which bytes.</summary>
public sealed record BleLogEntry(long TimeUs, BleEventKind Kind, Guid Characteristic, byte[] Bytes, string Note)
{
    /// <summary>One stable text line (the determinism check compares these).</summary>
    public string ToLine() =>
        $"{TimeUs} {Kind} {Characteristic} {Convert.ToHexString(Bytes)}{(Note.Length > 0 ? " " + Note : "")}";
}

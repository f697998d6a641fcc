namespace TinyMlDevice.Core
{
    /// <summary>The answer to a Control command or a ModelUpdate message (response byte 2; docs/ble-protocol.md).</summary>
    public enum CommandResult
    {
        Ok = 0,
        /// <summary>Wrong format version, length or field encoding.</summary>
        Malformed = 1,
        /// <summary>An opcode this firmware does not know.</summary>
        UnknownCommand = 2,
        /// <summary>nf.config sets no [ble] auth_key: every command and update is refused.</summary>
        NoKey = 3,
        /// <summary>The HMAC-SHA-256 tag does not match the message (Control) or the update header (ModelUpdate).</summary>
        BadTag = 4,
        /// <summary>A Control command's session is not the device's current one: ask with Hello and sign again.</summary>
        WrongSession = 5,
        /// <summary>A Control command's counter is not above the last accepted one: a replay, or a stale client.</summary>
        Replayed = 6,
        /// <summary>An argument is out of range (threshold, pipeline, target, size 0).</summary>
        InvalidArgument = 7,
        /// <summary>The device cannot do it now (the pipeline has no sensor, no model store).</summary>
        Unavailable = 8,
        /// <summary>A chunk, commit or abort without an update in progress.</summary>
        NotInProgress = 9,
        /// <summary>A chunk past the next expected offset (a chunk was lost): resend from the response's next offset.</summary>
        OutOfOrder = 10,
        /// <summary>A chunk before the next expected offset (already stored): ignored.</summary>
        RepeatedChunk = 11,
        /// <summary>A model larger than the store holds, or a chunk beyond the declared size or longer than the largest chunk.</summary>
        Oversized = 12,
        /// <summary>A chunk whose data does not match its CRC-32: resend it.</summary>
        BadCrc = 13,
        /// <summary>Commit before every byte arrived.</summary>
        Incomplete = 14,
        /// <summary>The SHA-256 of the received model differs from the header's: the staged model is discarded.</summary>
        BadDigest = 15,
        /// <summary>The engine or the pipeline refused the verified model (malformed, unsupported, wrong shape): discarded.</summary>
        BadModel = 16,
        /// <summary>The update's version is not above the installed model's.</summary>
        Downgrade = 17,
        /// <summary>The model store failed; the update is discarded.</summary>
        StorageFailed = 18,
    }
}

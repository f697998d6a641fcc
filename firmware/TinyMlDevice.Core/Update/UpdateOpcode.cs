namespace TinyMlDevice.Core
{
    /// <summary>ModelUpdate messages (byte 1 of a ModelUpdate write).</summary>
    public enum UpdateOpcode
    {
        /// <summary>Where the update stands (state, next offset); unsigned, changes nothing.</summary>
        Query = 0,
        /// <summary>The 80-byte signed update header: starts an update (or resumes the same one).</summary>
        Begin = 1,
        /// <summary>u32 offset, u32 CRC-32 of the data, then the data.</summary>
        Chunk = 2,
        /// <summary>Verify every byte (SHA-256), validate the model with the engine, then swap it into service.</summary>
        Commit = 3,
        /// <summary>Discard the staged bytes; the model in service stays.</summary>
        Abort = 4,
    }
}

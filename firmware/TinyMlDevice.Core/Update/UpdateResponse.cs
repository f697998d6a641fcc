namespace TinyMlDevice.Core
{
    /// <summary>What the device notifies on ModelUpdate after each write.</summary>
    public sealed class UpdateResponse
    {
        public int Opcode { get; set; }

        public CommandResult Result { get; set; }

        /// <summary>An update is in progress (bytes are being received).</summary>
        public bool Receiving { get; set; }

        /// <summary>The update's target while receiving; after a commit the target installed; else None.</summary>
        public UpdateTarget Target { get; set; }

        /// <summary>The offset of the next chunk the device expects (bytes received so far).</summary>
        public int NextOffset { get; set; }

        /// <summary>The model size of the update in progress (0 when idle).</summary>
        public int Size { get; set; }

        /// <summary>The version of Target's model in service (0: the one built into the image).</summary>
        public uint InstalledVersion { get; set; }

        /// <summary>The most data bytes one chunk may carry.</summary>
        public int MaxChunkData { get; set; }
    }
}

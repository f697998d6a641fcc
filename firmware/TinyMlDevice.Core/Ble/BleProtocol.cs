namespace TinyMlDevice.Core
{
    /// <summary>
    /// The GATT layout of docs/ble-protocol.md: one primary service, one characteristic per report channel, Control and
    /// ModelUpdate (signed writes, answered by notifications on the same characteristic), and DeviceInfo (read). All UUIDs share a random 128-bit base, c024xxxx-1082-4b8a-9f60-e260487b95df.
    /// </summary>
    public static class BleProtocol
    {
        /// <summary>Version of the GATT layout; each payload also starts with its own format version.</summary>
        public const int LayoutVersion = 1;

        public const string ServiceUuid = "c0240100-1082-4b8a-9f60-e260487b95df";

        /// <summary>Notify: a KeywordEvent payload per keyword heard.</summary>
        public const string KeywordEventUuid = "c0240101-1082-4b8a-9f60-e260487b95df";

        /// <summary>Notify: AnomalyReport payloads (alarm raised, alarm cleared, periodic summary).</summary>
        public const string AnomalyReportUuid = "c0240102-1082-4b8a-9f60-e260487b95df";

        /// <summary>Read and notify: the Status payload.</summary>
        public const string StatusUuid = "c0240103-1082-4b8a-9f60-e260487b95df";

        /// <summary>Notify: Fault payloads.</summary>
        public const string FaultUuid = "c0240104-1082-4b8a-9f60-e260487b95df";

        /// <summary>Write (encrypted, authenticated link) and notify: signed commands (ControlCodec) and their responses.</summary>
        public const string ControlUuid = "c0240105-1082-4b8a-9f60-e260487b95df";

        /// <summary>Write (encrypted, authenticated link) and notify: the chunked model update (UpdateCodec) and its responses.</summary>
        public const string ModelUpdateUuid = "c0240106-1082-4b8a-9f60-e260487b95df";

        /// <summary>Read: the DeviceInfo payload (firmware and model versions, arena use, free heap).</summary>
        public const string DeviceInfoUuid = "c0240107-1082-4b8a-9f60-e260487b95df";

        /// <summary>ATT MTU every link starts with; a notification then carries at most 20 bytes.</summary>
        public const int DefaultAttMtu = 23;

        /// <summary>Payload bytes of one notification at the default MTU (MTU − 3).</summary>
        public const int DefaultNotifyBytes = DefaultAttMtu - 3;

        /// <summary>The longest attribute value (Bluetooth Core, ATT): a write of more than MTU − 3 bytes goes as a long write.</summary>
        public const int MaxAttributeBytes = 512;

        /// <summary>
        /// Model bytes per ModelUpdate chunk that fit one Write Request at this ATT MTU (MTU − 3 − the 10-byte chunk header),
        /// at most UpdateCodec.MaxChunkData. A larger chunk still arrives, as a slower long write.
        /// </summary>
        public static int ChunkDataBytes(int attMtu)
        {
            int bytes = attMtu - 3 - UpdateCodec.ChunkHeaderLength;
            return bytes < 1 ? 1 : bytes > UpdateCodec.MaxChunkData ? UpdateCodec.MaxChunkData : bytes;
        }

        /// <summary>The characteristic a report channel notifies on.</summary>
        public static string CharacteristicUuid(ReportChannel channel)
        {
            switch (channel)
            {
                case ReportChannel.KeywordEvent:
                    return KeywordEventUuid;
                case ReportChannel.AnomalyReport:
                    return AnomalyReportUuid;
                case ReportChannel.Status:
                    return StatusUuid;
                case ReportChannel.Control:
                    return ControlUuid;
                case ReportChannel.ModelUpdate:
                    return ModelUpdateUuid;
                default:
                    return FaultUuid;
            }
        }
    }
}

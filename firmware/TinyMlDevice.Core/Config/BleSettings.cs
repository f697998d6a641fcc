namespace TinyMlDevice.Core
{
    /// <summary>[ble]: advertised name, the status report period, and the device's key for commands and model updates.</summary>
    public sealed class BleSettings
    {
        /// <summary>Bytes of [ble] auth_key (64 hex digits).</summary>
        public const int AuthKeyBytes = 32;

        public string DeviceName { get; internal set; }

        /// <summary>Seconds between two Status notifications.</summary>
        public int StatusIntervalS { get; internal set; }

        /// <summary>
        /// The per-device HMAC-SHA-256 key that Control commands and model updates must be signed with, or null when
        /// nf.config sets none (then the device refuses every command and update). Never log or report it.
        /// </summary>
        public byte[] AuthKey { get; internal set; }
    }
}

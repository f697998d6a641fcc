namespace TinyMlDevice.Core
{
    /// <summary>What runs on the device: firmware and model versions, memory (the DeviceInfo characteristic).</summary>
    public sealed class DeviceInfo
    {
        /// <summary>nf.config sets [ble] auth_key: Control commands and model updates are accepted.</summary>
        public bool KeySet { get; set; }

        /// <summary>A model update is being received.</summary>
        public bool UpdateReceiving { get; set; }

        public int FirmwareMajor { get; set; }

        public int FirmwareMinor { get; set; }

        /// <summary>Version of the keyword model in service: 0 for the one built into the image.</summary>
        public uint KwsModelVersion { get; set; }

        /// <summary>Version of the vibration autoencoder in service: 0 for the built-in one (or none).</summary>
        public uint VibrationModelVersion { get; set; }

        /// <summary>Arena of the keyword interpreter, bytes (0 when it does not run; saturates at 65535).</summary>
        public int KwsArenaBytes { get; set; }

        /// <summary>Arena of the autoencoder interpreter, bytes (0 without one).</summary>
        public int VibrationArenaBytes { get; set; }

        /// <summary>Free managed heap, KiB (65535: unknown).</summary>
        public int ManagedFreeKiB { get; set; }

        /// <summary>Free native heap (models, arenas, engine state), KiB (65535: unknown).</summary>
        public int NativeFreeKiB { get; set; }
    }
}

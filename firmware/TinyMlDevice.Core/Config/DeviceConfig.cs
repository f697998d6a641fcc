namespace TinyMlDevice.Core
{
    /// <summary>A whole, validated nf.config. Obtain one from <see cref="ConfigParser.Parse"/>.</summary>
    public sealed class DeviceConfig
    {
        internal DeviceConfig(BoardSettings board, MicrophoneSettings microphone, ImuSettings imu, KwsSettings kws,
            VibrationSettings vibration, BleSettings ble)
        {
            Board = board;
            Microphone = microphone;
            Imu = imu;
            Kws = kws;
            Vibration = vibration;
            Ble = ble;
        }

        public BoardSettings Board { get; }

        public MicrophoneSettings Microphone { get; }

        public ImuSettings Imu { get; }

        public KwsSettings Kws { get; }

        public VibrationSettings Vibration { get; }

        public BleSettings Ble { get; }

        /// <summary>Every key at its default (what an empty nf.config gives).</summary>
        public static DeviceConfig Defaults => ConfigParser.Parse("");
    }
}

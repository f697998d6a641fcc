namespace TinyMlDevice.Core
{
    /// <summary>
    /// The spellings nf.config uses for enumerations, indexed by the enum's value (nanoFramework keeps no enum names,
    /// so Enum.ToString cannot give them).
    /// </summary>
    public static class ConfigNames
    {
        public static readonly string[] Targets = { "ESP32_BLE_REV0", "ESP32_BLE_REV3", "ESP32_C3", "ESP32_S3_QUAD", "ESP32_S3_OCTAL" };

        public static readonly string[] MicrophoneInterfaces = { "i2s", "pdm" };

        public static readonly string[] ImuSensors = { "auto", "mpu6050", "lsm6ds3" };

        public static string Of(BoardTarget target) => Targets[(int)target];

        public static string Of(MicrophoneInterface microphone) => MicrophoneInterfaces[(int)microphone];

        public static string Of(ImuSensor sensor) => ImuSensors[(int)sensor];
    }
}

namespace TinyMlDevice.Core
{
    /// <summary>Which part of the device a fault concerns (Fault report, byte 8).</summary>
    public enum FaultSource
    {
        App = 0,
        Microphone = 1,
        Imu = 2,
        Kws = 3,
        Vibration = 4,
        Config = 5,
        Storage = 6,
    }
}

// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sChannelFormat.

namespace System.Device.I2s
{
    public enum I2sChannelFormat
    {
        RightLeft = 0,
        AllRight = 1,
        AllLeft = 2,
        OnlyRight = 3,
        OnlyLeft = 4,
    }
}

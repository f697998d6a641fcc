// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sBitsPerSample.

namespace System.Device.I2s
{
    public enum I2sBitsPerSample
    {
        Bit8 = 8,
        Bit16 = 16,
        Bit24 = 24,
        Bit32 = 32,
    }
}

// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sCommunicationFormat.

namespace System.Device.I2s
{
    public enum I2sCommunicationFormat
    {
        I2S = 1,
        Msb = 3,
        PcmShort = 4,
        PcmLong = 12,
    }
}

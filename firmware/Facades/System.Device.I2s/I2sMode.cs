// Facade of nanoFramework.System.Device.I2s 1.0.28: System.Device.I2s.I2sMode.

namespace System.Device.I2s
{
    [Flags]
    public enum I2sMode
    {
        Master = 1,
        Slave = 2,
        Tx = 4,
        Rx = 8,
        DacBuiltIn = 16,
        AdcBuiltIn = 32,
        Pdm = 64,
    }
}

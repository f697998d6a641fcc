// Facade of nanoFramework.System.Device.I2c 1.1.29: System.Device.I2c.I2cBusSpeed.

namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }
}

// Facade of nanoFramework.System.Device.I2c 1.1.29: System.Device.I2c.I2cConnectionSettings.

namespace System.Device.I2c
{
    public sealed class I2cConnectionSettings
    {
        private readonly int _busId;
        private readonly int _deviceAddress;
        private readonly I2cBusSpeed _busSpeed;

        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed)
        {
            _busId = busId;
            _deviceAddress = deviceAddress;
            _busSpeed = busSpeed;
        }

        public int BusId
        {
            get { return _busId; }
        }

        public int DeviceAddress
        {
            get { return _deviceAddress; }
        }

        public I2cBusSpeed BusSpeed
        {
            get { return _busSpeed; }
        }
    }
}

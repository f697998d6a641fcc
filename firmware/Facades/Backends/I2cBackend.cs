using System;
using System.Device.I2c;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>
    /// Where the System.Device.I2c facade sends its transfers. Not part of the nanoFramework API: the simulator and the
    /// tests install a controller; the firmware never sees this type.
    /// </summary>
    public static class I2cBackend
    {
        private static II2cController _current;

        public static II2cController Current
        {
            get { return _current; }
        }

        /// <summary>Installs controller until the returned scope is disposed (then the previous one is back).</summary>
        public static IDisposable Install(II2cController controller)
        {
            II2cController previous = _current;
            _current = controller;
            return new Restore(() => _current = previous);
        }

        internal static II2cController Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("I2C");
            }

            return _current;
        }
    }

    /// <summary>An I2C bus controller: opens a channel to one device address.</summary>
    public interface II2cController
    {
        II2cTarget Open(int busId, int deviceAddress, I2cBusSpeed busSpeed);
    }

    /// <summary>
    /// One device address on a bus. Transfer writes writeCount bytes then, after a repeated start, reads readCount
    /// bytes (either count may be 0), and says how it went the way the ESP32 driver does.
    /// </summary>
    public interface II2cTarget
    {
        I2cTransferStatus Transfer(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount,
            out int bytesTransferred);

        void Close();
    }
}

using System;
using System.Device.I2s;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>Where the System.Device.I2s facade reads from (installed by the simulator and the tests).</summary>
    public static class I2sBackend
    {
        private static II2sController _current;

        public static II2sController Current
        {
            get { return _current; }
        }

        public static IDisposable Install(II2sController controller)
        {
            II2sController previous = _current;
            _current = controller;
            return new Restore(() => _current = previous);
        }

        internal static II2sController Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("I2S");
            }

            return _current;
        }
    }

    /// <summary>An I2S peripheral: opened with the settings the firmware passed to new I2sDevice(settings).</summary>
    public interface II2sController
    {
        II2sStream Open(I2sConnectionSettings settings);
    }

    /// <summary>
    /// The bytes I2sDevice.Read hands the application, laid out as the ESP32 native driver lays them out: for Bit16 and
    /// RightLeft, 4 bytes per frame (two little-endian int16 slots). Read fills exactly count bytes.
    /// </summary>
    public interface II2sStream
    {
        void Read(byte[] buffer, int offset, int count);

        void Close();
    }
}

using System;
using System.Device.Gpio;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>Where the System.Device.Gpio facade drives pins (installed by the simulator and the tests).</summary>
    public static class GpioBackend
    {
        private static IGpioPins _current;

        public static IGpioPins Current
        {
            get { return _current; }
        }

        public static IDisposable Install(IGpioPins pins)
        {
            IGpioPins previous = _current;
            _current = pins;
            return new Restore(() => _current = previous);
        }

        internal static IGpioPins Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("GPIO");
            }

            return _current;
        }
    }

    public interface IGpioPins
    {
        void Open(int pinNumber, PinMode mode);

        void Write(int pinNumber, PinValue value);

        void Close(int pinNumber);
    }
}

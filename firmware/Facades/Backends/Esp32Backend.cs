using System;
using nanoFramework.Hardware.Esp32;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>Where nanoFramework.Hardware.Esp32.Configuration records pin functions (simulator and tests).</summary>
    public static class Esp32Backend
    {
        private static IPinFunctions _current;

        public static IPinFunctions Current
        {
            get { return _current; }
        }

        public static IDisposable Install(IPinFunctions pinFunctions)
        {
            IPinFunctions previous = _current;
            _current = pinFunctions;
            return new Restore(() => _current = previous);
        }

        internal static IPinFunctions Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("ESP32 pin configuration");
            }

            return _current;
        }
    }

    public interface IPinFunctions
    {
        void SetPinFunction(int pin, DeviceFunction function);
    }
}

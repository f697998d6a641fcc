// Facade of nanoFramework.System.Device.Gpio 1.1.64: System.Device.Gpio.GpioController (members the firmware uses).
// Pins go to the installed TinyMlDevice.Facades.Backends.GpioBackend.

using TinyMlDevice.Facades.Backends;

namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController()
        {
        }

        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            GpioBackend.Require().Open(pinNumber, mode);
            return new GpioPin(pinNumber);
        }

        public void Dispose()
        {
        }
    }
}

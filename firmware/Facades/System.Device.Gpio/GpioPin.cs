// Facade of nanoFramework.System.Device.Gpio 1.1.64: System.Device.Gpio.GpioPin (members the firmware uses).

using TinyMlDevice.Facades.Backends;

namespace System.Device.Gpio
{
    public class GpioPin : IDisposable
    {
        private readonly int _pinNumber;
        private bool _open;

        internal GpioPin(int pinNumber)
        {
            _pinNumber = pinNumber;
            _open = true;
        }

        public int PinNumber
        {
            get { return _pinNumber; }
        }

        public void Write(PinValue value)
        {
            if (!_open)
            {
                throw new ObjectDisposedException("GpioPin");
            }

            GpioBackend.Require().Write(_pinNumber, value);
        }

        public void Dispose()
        {
            if (_open)
            {
                _open = false;
                GpioBackend.Require().Close(_pinNumber);
            }
        }
    }
}

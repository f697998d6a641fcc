// Facade of nanoFramework.System.Device.Gpio 1.1.64: System.Device.Gpio.PinValue.

namespace System.Device.Gpio
{
    public readonly struct PinValue
    {
        private readonly byte _value;

        private PinValue(byte value)
        {
            _value = value;
        }

        public static PinValue High
        {
            get { return new PinValue(1); }
        }

        public static PinValue Low
        {
            get { return new PinValue(0); }
        }

        public static bool operator ==(PinValue a, PinValue b)
        {
            return a._value == b._value;
        }

        public static bool operator !=(PinValue a, PinValue b)
        {
            return a._value != b._value;
        }

        public override bool Equals(object obj)
        {
            return obj is PinValue && ((PinValue)obj)._value == _value;
        }

        public override int GetHashCode()
        {
            return _value;
        }

        public override string ToString()
        {
            return _value == 0 ? "Low" : "High";
        }
    }
}

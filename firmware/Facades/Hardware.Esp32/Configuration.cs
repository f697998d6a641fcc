// Facade of nanoFramework.Hardware.Esp32 1.6.40: nanoFramework.Hardware.Esp32.Configuration (SetPinFunction only).

using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value)
        {
            Esp32Backend.Require().SetPinFunction(pin, value);
        }
    }
}

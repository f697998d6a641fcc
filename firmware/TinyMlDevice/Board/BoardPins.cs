using nanoFramework.Hardware.Esp32;
using TinyMlDevice.Core;

namespace TinyMlDevice.Board
{
    /// <summary>
    /// Routes the ESP32's GPIO matrix as nf.config says, before any peripheral opens: the IMU's I2C bus, and I2S bus 1
    /// for the microphone (a PDM microphone takes its clock from the WS pin and has no bit clock).
    /// </summary>
    public static class BoardPins
    {
        public static void Apply(DeviceConfig config)
        {
            ImuSettings imu = config.Imu;
            if (imu.I2cBus == 2)
            {
                Configuration.SetPinFunction(imu.DataPin, DeviceFunction.I2C2_DATA);
                Configuration.SetPinFunction(imu.ClockPin, DeviceFunction.I2C2_CLOCK);
            }
            else
            {
                Configuration.SetPinFunction(imu.DataPin, DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(imu.ClockPin, DeviceFunction.I2C1_CLOCK);
            }

            MicrophoneSettings microphone = config.Microphone;
            if (microphone.Interface == MicrophoneInterface.I2s)
            {
                Configuration.SetPinFunction(microphone.BckPin, DeviceFunction.I2S1_BCK);
            }

            Configuration.SetPinFunction(microphone.WsPin, DeviceFunction.I2S1_WS);
            Configuration.SetPinFunction(microphone.DataPin, DeviceFunction.I2S1_MDATA_IN);
        }
    }
}

namespace TinyMlDevice.Core
{
    /// <summary>[imu]: sensor, bus, pins, output data rate and range.</summary>
    public sealed class ImuSettings
    {
        public ImuSensor Sensor { get; internal set; }

        /// <summary>nanoFramework I2C bus id (1 or 2).</summary>
        public int I2cBus { get; internal set; }

        public int DataPin { get; internal set; }

        public int ClockPin { get; internal set; }

        /// <summary>Requested accelerometer rate; the driver picks the sensor's nearest rate and reports it.</summary>
        public int OdrHz { get; internal set; }

        /// <summary>Full scale in g: 2, 4, 8 or 16.</summary>
        public int RangeG { get; internal set; }

        /// <summary>Accelerometer axes streamed (1 = z, 2 = x and y, 3 = x, y and z).</summary>
        public int Axes { get; internal set; }
    }
}

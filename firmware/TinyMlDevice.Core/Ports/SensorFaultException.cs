using System;

namespace TinyMlDevice.Core
{
    /// <summary>A sensor failed (bus error, no data, overflow); Sensor names it, Message says what happened.</summary>
    public class SensorFaultException : Exception
    {
        public SensorFaultException(string sensor, string reason)
            : base(sensor + ": " + reason)
        {
            Sensor = sensor;
        }

        public string Sensor { get; }
    }
}

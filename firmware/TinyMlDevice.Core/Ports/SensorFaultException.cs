using System;

namespace TinyMlDevice.Core
{
    /// <summary>A sensor failed (bus error, no data, overflow); Sensor names it, Message says what happened.</summary>
    public class SensorFaultException : Exception
    {
        public SensorFaultException(string sensor, string reason)
            : this(sensor, reason, false)
        {
        }

        /// <param name="streamResumed">The driver already restarted the stream (see <see cref="StreamResumed"/>).</param>
        public SensorFaultException(string sensor, string reason, bool streamResumed)
            : base(sensor + ": " + reason)
        {
            Sensor = sensor;
            StreamResumed = streamResumed;
        }

        public string Sensor { get; }

        /// <summary>
        /// Samples were lost but the driver has already restarted the stream (a FIFO or DMA overrun): read again at once,
        /// since backing off would only overrun the buffer again.
        /// </summary>
        public bool StreamResumed { get; }
    }
}

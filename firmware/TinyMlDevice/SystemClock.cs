using System;
using System.Threading;

namespace TinyMlDevice
{
    /// <summary>Milliseconds since start-up from the runtime's clock; Sleep yields to the other managed threads.</summary>
    public sealed class SystemClock : IDeviceClock
    {
        private readonly long _startTicks = DateTime.UtcNow.Ticks;

        public long Milliseconds
        {
            get { return (DateTime.UtcNow.Ticks - _startTicks) / TimeSpan.TicksPerMillisecond; }
        }

        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}

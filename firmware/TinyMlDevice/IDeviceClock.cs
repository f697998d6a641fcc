using TinyMlDevice.Core;

namespace TinyMlDevice
{
    /// <summary>The core's clock plus the one thing drivers also need: waiting (virtual in the simulator).</summary>
    public interface IDeviceClock : IClock
    {
        void Sleep(int milliseconds);
    }
}

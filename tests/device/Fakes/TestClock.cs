namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>Virtual time that moves only when a test says so.</summary>
    internal sealed class TestClock : IClock
    {
        public long Milliseconds { get; set; }

        public void Advance(long ms)
        {
            Milliseconds += ms;
        }
    }
}

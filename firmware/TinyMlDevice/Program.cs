namespace TinyMlDevice
{
    /// <summary>The entry point: boot the device, then run it for ever, pausing briefly whenever the core is idle.</summary>
    public static class Program
    {
        /// <summary>Main-loop pause when the core has nothing to do (the sensors' buffers hold 128 ms and more).</summary>
        public const int IdleSleepMs = 5;

        public static void Main()
        {
            SystemClock clock = new SystemClock();
            Device device = Device.Boot(clock);
            while (true)
            {
                if (!device.RunOnce())
                {
                    clock.Sleep(IdleSleepMs);
                }
            }
        }
    }
}

using nanoFramework.Runtime.Native;

namespace TinyMlDevice
{
    /// <summary>The entry point: boot the device, then run it for ever, pausing briefly whenever the core is idle.</summary>
    public static class Program
    {
        /// <summary>Main-loop pause when the core has nothing to do (the sensors' buffers hold 128 ms and more).</summary>
        public const int IdleSleepMs = 5;

        /// <summary>Time between accepting a Reboot command and rebooting.</summary>
        public const int RebootDelayMs = 500;

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

                if (device.RebootRequested)
                {
                    clock.Sleep(RebootDelayMs); // the Reboot response goes out first
                    Power.RebootDevice();
                }
            }
        }
    }
}

// Facade of nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native.Power (RebootDevice only). The simulator
// runs Device.RunOnce, never Program.Main, so no backend serves it: a call here is a firmware bug on the host.

using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Runtime.Native
{
    public class Power
    {
        public static void RebootDevice()
        {
            throw BackendMissing.For("power");
        }
    }
}

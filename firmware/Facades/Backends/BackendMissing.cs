using System;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>The one error every facade gives when no backend is installed.</summary>
    internal static class BackendMissing
    {
        internal static NotSupportedException For(string peripheral)
        {
            return new NotSupportedException(
                "no " + peripheral + " backend: this facade only compiles firmware on Linux; the simulator installs one");
        }
    }
}

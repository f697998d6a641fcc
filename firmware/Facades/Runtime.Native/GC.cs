// Facade of nanoFramework.Runtime.Native 1.7.11: nanoFramework.Runtime.Native.GC (Run only). Answers come from the
// installed TinyMlDevice.Facades.Backends.MemoryBackend.

using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        /// <summary>Collects garbage (compacting when asked); returns the managed heap's free bytes.</summary>
        public static uint Run(bool compactHeap)
        {
            return MemoryBackend.Require().CollectManaged(compactHeap);
        }
    }
}

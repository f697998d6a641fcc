// Facade of nanoFramework.Hardware.Esp32 1.6.40: nanoFramework.Hardware.Esp32.NativeMemory (the ESP-IDF heap the
// native code allocates from). Answers come from the installed TinyMlDevice.Facades.Backends.MemoryBackend.

using TinyMlDevice.Facades.Backends;

namespace nanoFramework.Hardware.Esp32
{
    public class NativeMemory
    {
        public enum MemoryType
        {
            All,
            Internal,
            SpiRam,
        }

        public static void GetMemoryInfo(MemoryType memType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock)
        {
            MemoryBackend.Require().NativeMemory((int)memType, out totalSize, out totalFreeSize, out largestFreeBlock);
        }
    }
}

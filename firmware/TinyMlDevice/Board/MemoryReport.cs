using nanoFramework.Hardware.Esp32;

namespace TinyMlDevice.Board
{
    /// <summary>
    /// One line for the debug output with what the board has left once everything runs: the managed heap's free bytes
    /// after a compacting collection, and the free and largest free block of the ESP32's internal native heap (where
    /// the interop glue puts models, arenas and feature state). The README's budget table asks for these figures.
    /// </summary>
    public static class MemoryReport
    {
        /// <summary>Free managed heap after a compacting collection, KiB.</summary>
        public static int ManagedFreeKiB()
        {
            return (int)(nanoFramework.Runtime.Native.GC.Run(true) / 1024);
        }

        /// <summary>Free internal native heap, KiB.</summary>
        public static int NativeFreeKiB()
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            return (int)(free / 1024);
        }

        public static string Line()
        {
            uint managedFree = nanoFramework.Runtime.Native.GC.Run(true);
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            return "memory: managed free " + managedFree + " B; native internal " + free + " B free of " + total
                + " B, largest block " + largest + " B";
        }
    }
}

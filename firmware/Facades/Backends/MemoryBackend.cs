using System;

namespace TinyMlDevice.Facades.Backends
{
    /// <summary>Where nanoFramework.Runtime.Native.GC and Hardware.Esp32.NativeMemory get their figures.</summary>
    public static class MemoryBackend
    {
        private static IMemoryInfo _current;

        public static IMemoryInfo Current
        {
            get { return _current; }
        }

        public static IDisposable Install(IMemoryInfo memory)
        {
            IMemoryInfo previous = _current;
            _current = memory;
            return new Restore(() => _current = previous);
        }

        internal static IMemoryInfo Require()
        {
            if (_current == null)
            {
                throw BackendMissing.For("memory");
            }

            return _current;
        }
    }

    public interface IMemoryInfo
    {
        /// <summary>Free bytes of the managed heap after a collection.</summary>
        uint CollectManaged(bool compactHeap);

        /// <summary>memoryType: 0 all, 1 internal, 2 SPI RAM.</summary>
        void NativeMemory(int memoryType, out uint totalSize, out uint totalFreeSize, out uint largestFreeBlock);
    }
}

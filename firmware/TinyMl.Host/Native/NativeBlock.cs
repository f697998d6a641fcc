using System.Runtime.InteropServices;

namespace TinyMl.Native;

// Zeroed native memory that the GC never moves: model bytes, engine structs, workspaces and arenas.
internal static unsafe class NativeBlock
{
    private const nuint Alignment = 16; // the engine needs 4; 16 suits every element type

    internal static byte* Allocate(nuint bytes)
    {
        nuint size = bytes == 0 ? 1 : bytes;
        void* block = NativeMemory.AlignedAlloc(size, Alignment);
        NativeMemory.Clear(block, size);
        return (byte*)block;
    }

    internal static T* Allocate<T>()
        where T : unmanaged => (T*)Allocate((nuint)sizeof(T));

    internal static void Free<T>(ref T* block)
        where T : unmanaged
    {
        NativeMemory.AlignedFree(block);
        block = null;
    }
}

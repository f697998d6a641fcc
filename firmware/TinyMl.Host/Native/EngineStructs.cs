using System.Runtime.InteropServices;

namespace TinyMl.Native;

// The structs of native-interop/include/tinyml/tinyml.h, field for field. The engine keeps pointers to
// them, so they live in native memory. LayoutTests checks the sizes against what the engine writes.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlModel
{
    public byte* Data;
    public uint Size;
    public fixed uint VectorPositions[6];
    public fixed uint Counts[6];
    public uint RecordsBytes;
    public ulong Macs;
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlPlan
{
    public TmlModel* Model;
    public void* Workspace;
    public uint ArenaBytes;
    public uint PersistentBytes;
    public uint ActivationBytes;
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlInterpreter
{
    public TmlModel* Model;
    public byte* Arena;
    public uint ArenaBytes;
    public uint Activations;
    public uint NextOperator;
    public uint NextRecord;
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlTensorInfo
{
    public int Index;
    public TensorType Type;
    public int DimsCount;
    public fixed int Dims[EngineLimits.MaxDims];
    public uint Bytes;
    public float Scale;
    public int ZeroPoint;
    public int QuantizedChannels;
    public byte* Name;
    public byte* Data;
}

[StructLayout(LayoutKind.Sequential)]
internal struct TmlTensorPlacement
{
    public TensorStorage Storage;
    public uint Offset;
    public uint Bytes;
    public int FirstOperator;
    public int LastOperator;
    public int SharesWith;
}

internal static class EngineLimits
{
    public const int MaxDims = 6;        // TML_MAX_DIMS
    public const int ErrorTextBytes = 160; // TML_ERROR_TEXT
}

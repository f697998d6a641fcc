using System;

namespace TinyMl;

// A tensor of a running interpreter: what it is and where its bytes are. Checks what callers copy in or out.
internal sealed unsafe class TensorData
{
    internal TensorData(string role, TensorInfo info, byte* data)
    {
        Role = role;
        Info = info;
        Data = data;
    }

    internal string Role { get; }

    internal TensorInfo Info { get; }

    internal byte* Data { get; }

    /// <summary>A typed copy: the tensor must be of that type and the array hold exactly its elements.</summary>
    internal void Check(TensorType type, int length, string paramName)
    {
        CheckHasData(paramName);
        if (Info.Type != type)
        {
            throw new ArgumentException(
                $"{Role} is {Info.Type}, not {type} ({Info}); copy its raw bytes with a byte[] instead", paramName);
        }

        int elements = Info.Bytes / ElementSize(type);
        if (length != elements)
        {
            throw new ArgumentException(
                $"{Role} holds {elements} {type} values, the array {length} ({Info})", paramName);
        }
    }

    /// <summary>A raw copy: the array must hold exactly the tensor's bytes.</summary>
    internal void CheckBytes(int length, string paramName)
    {
        CheckHasData(paramName);
        if (length != Info.Bytes)
        {
            throw new ArgumentException($"{Role} holds {Info.Bytes} bytes, the array {length} ({Info})", paramName);
        }
    }

    private void CheckHasData(string paramName)
    {
        if (Data == null && Info.Bytes > 0)
        {
            throw new ArgumentException($"{Role} holds no data: no operator reads or writes it ({Info})", paramName);
        }
    }

    private static int ElementSize(TensorType type) => type == TensorType.Float32 ? sizeof(float) : 1;
}

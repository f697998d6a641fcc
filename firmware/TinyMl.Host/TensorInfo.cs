namespace TinyMl;

/// <summary>One tensor of a model as the model file describes it.</summary>
public sealed class TensorInfo
{
    internal TensorInfo(int index, string name, TensorType type, int[] shape, int bytes, float scale, int zeroPoint,
        int quantizedChannels)
    {
        Index = index;
        Name = name;
        Type = type;
        Shape = shape;
        Bytes = bytes;
        Scale = scale;
        ZeroPoint = zeroPoint;
        QuantizedChannels = quantizedChannels;
    }

    /// <summary>Tensor index in the model (what <see cref="Interpreter.ReadTensor(int, byte[])"/> takes).</summary>
    public int Index { get; }

    /// <summary>The name in the model file; empty when it has none.</summary>
    public string Name { get; }

    public TensorType Type { get; }

    public int[] Shape { get; }

    public int Bytes { get; }

    /// <summary>real = Scale * (q - ZeroPoint); 0 when not quantized, channel 0's when per-channel.</summary>
    public float Scale { get; }

    public int ZeroPoint { get; }

    /// <summary>1 per-tensor, more than 1 per-channel, 0 not quantized.</summary>
    public int QuantizedChannels { get; }

    public override string ToString()
    {
        string dims = "";
        for (int i = 0; i < Shape.Length; i++)
        {
            dims += i == 0 ? Shape[i].ToString() : "," + Shape[i];
        }

        return "tensor " + Index + " '" + Name + "' " + Type + " [" + dims + "] " + Bytes + " bytes";
    }
}

namespace TinyMl.Toolkit.Model;

// The float model every toolkit step shares: training writes it, compression rewrites it, quantization reads it.
// Plain data: an architecture and its float parameters. Tensors are NHWC without the batch dimension; weights
// use TFLite's layouts so quantization and export copy them without transposing.

public enum Padding { Same, Valid }

/// <summary>Fused after a layer's arithmetic (TFLite's fused activations).</summary>
public enum Activation { None, Relu, Relu6 }

public abstract class Layer
{
    public string Name { get; set; } = "";

    /// <summary>Output shape [H, W, C] (or [N] for flat tensors) for an input shape; throws on a mismatch.</summary>
    public abstract int[] OutputShape(int[] input);

    /// <summary>Multiply-accumulates of one forward pass.</summary>
    public virtual long Macs(int[] input) => 0;
}

/// <summary>2-D convolution. Weights [out, kh, kw, in] (OHWI), bias [out].</summary>
public sealed class Conv2D : Layer
{
    public int KernelH { get; set; }
    public int KernelW { get; set; }
    public int StrideH { get; set; } = 1;
    public int StrideW { get; set; } = 1;
    public int OutChannels { get; set; }
    public Padding Padding { get; set; } = Padding.Same;
    public Activation Activation { get; set; }
    public float[] Weights { get; set; } = [];
    public float[] Bias { get; set; } = [];

    public override int[] OutputShape(int[] input)
    {
        Shapes.Require(input, 3, Name);
        return [Shapes.Out(input[0], KernelH, StrideH, Padding), Shapes.Out(input[1], KernelW, StrideW, Padding), OutChannels];
    }

    public override long Macs(int[] input)
    {
        var o = OutputShape(input);
        return (long)o[0] * o[1] * OutChannels * KernelH * KernelW * input[2];
    }
}

/// <summary>Depthwise convolution. Weights [1, kh, kw, in * multiplier], bias [in * multiplier].</summary>
public sealed class DepthwiseConv2D : Layer
{
    public int KernelH { get; set; }
    public int KernelW { get; set; }
    public int StrideH { get; set; } = 1;
    public int StrideW { get; set; } = 1;
    public int Multiplier { get; set; } = 1;
    public Padding Padding { get; set; } = Padding.Same;
    public Activation Activation { get; set; }
    public float[] Weights { get; set; } = [];
    public float[] Bias { get; set; } = [];

    public override int[] OutputShape(int[] input)
    {
        Shapes.Require(input, 3, Name);
        return [Shapes.Out(input[0], KernelH, StrideH, Padding), Shapes.Out(input[1], KernelW, StrideW, Padding), input[2] * Multiplier];
    }

    public override long Macs(int[] input)
    {
        var o = OutputShape(input);
        return (long)o[0] * o[1] * o[2] * KernelH * KernelW;
    }
}

/// <summary>Batch normalization over the last dimension (inference statistics), then an activation.</summary>
public sealed class BatchNorm : Layer
{
    public float[] Gamma { get; set; } = [];
    public float[] Beta { get; set; } = [];
    public float[] Mean { get; set; } = [];
    public float[] Variance { get; set; } = [];
    public float Epsilon { get; set; } = 1e-3f;
    public Activation Activation { get; set; }

    public override int[] OutputShape(int[] input) => (int[])input.Clone();
}

/// <summary>Fully connected over the flattened input. Weights [units, inputs], bias [units].</summary>
public sealed class Dense : Layer
{
    public int Units { get; set; }
    public Activation Activation { get; set; }
    public float[] Weights { get; set; } = [];
    public float[] Bias { get; set; } = [];

    public override int[] OutputShape(int[] input) => [Units];

    public override long Macs(int[] input) => (long)Shapes.Count(input) * Units;
}

/// <summary>Average pooling; KernelH/W of 0 means the whole input (global average pooling to 1x1).</summary>
public sealed class AveragePool : Layer
{
    public int KernelH { get; set; }
    public int KernelW { get; set; }
    public int StrideH { get; set; } = 1;
    public int StrideW { get; set; } = 1;
    public Padding Padding { get; set; } = Padding.Valid;

    public int EffectiveKernelH(int[] input) => KernelH == 0 ? input[0] : KernelH;
    public int EffectiveKernelW(int[] input) => KernelW == 0 ? input[1] : KernelW;

    public override int[] OutputShape(int[] input)
    {
        Shapes.Require(input, 3, Name);
        return [Shapes.Out(input[0], EffectiveKernelH(input), StrideH, Padding),
                Shapes.Out(input[1], EffectiveKernelW(input), StrideW, Padding), input[2]];
    }
}

/// <summary>[H, W, C] to [H * W * C] (no arithmetic).</summary>
public sealed class Flatten : Layer
{
    public override int[] OutputShape(int[] input) => [Shapes.Count(input)];
}

/// <summary>Softmax over the last dimension (classifiers end with it).</summary>
public sealed class Softmax : Layer
{
    public override int[] OutputShape(int[] input) => (int[])input.Clone();
}

internal static class Shapes
{
    public static int Count(int[] shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    public static void Require(int[] shape, int rank, string layer)
    {
        if (shape.Length != rank)
            throw new ModelException($"layer '{layer}' expects a rank-{rank} input, got [{string.Join(", ", shape)}]");
    }

    /// <summary>TFLite's output size for SAME/VALID padding.</summary>
    public static int Out(int input, int kernel, int stride, Padding padding)
    {
        if (stride < 1 || kernel < 1) throw new ModelException($"kernel {kernel} / stride {stride} must be positive");
        var n = padding == Padding.Same ? (input + stride - 1) / stride : (input - kernel + stride) / stride;
        if (n < 1) throw new ModelException($"a {kernel}-wide kernel does not fit an input of {input}");
        return n;
    }
}

public sealed class ModelException(string message) : Exception(message);

using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Architectures;

/// <summary>Shape of the keyword-spotting DS-CNN (see <see cref="DsCnn.Create"/>).</summary>
public sealed record DsCnnOptions
{
    /// <summary>Channels of the first (full) convolution.</summary>
    public int StemChannels { get; init; } = 16;

    public int StemKernelH { get; init; } = 10;

    public int StemKernelW { get; init; } = 4;

    /// <summary>Stride of the first convolution in time and frequency.</summary>
    public int StemStride { get; init; } = 2;

    /// <summary>Channels of every pointwise convolution.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Depthwise-separable blocks.</summary>
    public int Blocks { get; init; } = 4;

    /// <summary>Stride of the first block's depthwise convolution (the others use 1).</summary>
    public int FirstBlockStride { get; init; } = 2;
}

/// <summary>
/// Depthwise-separable CNN for keyword spotting (after Zhang et al. 2017, "Hello Edge") on the 49×40 frontend features:
/// conv kh×kw stride s → BN+ReLU → blocks × (depthwise 3×3 → BN+ReLU → pointwise 1×1 → BN+ReLU) → global average
/// pool → dense → softmax. With the defaults the first block's stride brings 25×20 to 13×10 positions, so the largest
/// int8 activation (13×10×64 = 8,320 bytes) leaves the arena well inside 24 KiB.
/// </summary>
public static class DsCnn
{
    public static readonly int[] InputShape = [49, 40, 1];

    /// <summary>An untrained model (parameters zero-length: run <see cref="Nn.Initializer.Initialize"/>).</summary>
    public static FloatModel Create(DsCnnOptions options, IReadOnlyList<string>? labels = null)
    {
        labels ??= SpeechCommands.Labels;
        if (options.Blocks < 1 || options.Width < 1 || options.StemChannels < 1)
            throw new ModelException("the DS-CNN needs at least one block and positive widths");
        var layers = new List<Layer>
        {
            new Conv2D
            {
                Name = "stem", KernelH = options.StemKernelH, KernelW = options.StemKernelW,
                StrideH = options.StemStride, StrideW = options.StemStride, OutChannels = options.StemChannels,
            },
            new BatchNorm { Name = "stem_bn", Activation = Activation.Relu },
        };
        for (var b = 0; b < options.Blocks; b++)
        {
            var stride = b == 0 ? options.FirstBlockStride : 1;
            layers.Add(new DepthwiseConv2D { Name = $"block{b}_dw", KernelH = 3, KernelW = 3, StrideH = stride, StrideW = stride });
            layers.Add(new BatchNorm { Name = $"block{b}_dw_bn", Activation = Activation.Relu });
            layers.Add(new Conv2D { Name = $"block{b}_pw", KernelH = 1, KernelW = 1, OutChannels = options.Width });
            layers.Add(new BatchNorm { Name = $"block{b}_pw_bn", Activation = Activation.Relu });
        }
        layers.Add(new AveragePool { Name = "pool" });
        layers.Add(new Flatten { Name = "flatten" });
        layers.Add(new Dense { Name = "logits", Units = labels.Count });
        layers.Add(new Softmax { Name = "softmax" });
        return new FloatModel { InputShape = InputShape, Layers = layers, Labels = labels.ToArray() };
    }
}

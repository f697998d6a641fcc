using System.Globalization;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

public sealed class QuantizeOptions
{
    public RangeMethod Method { get; set; } = RangeMethod.MinMax;

    /// <summary>Fixes the input's quantization instead of calibrating it (KWS: 1/128, 0 — the frontend's bytes as they are).</summary>
    public QuantParams? InputQuantization { get; set; }

    /// <summary>Dense weights per output unit instead of one scale for the whole matrix.</summary>
    public bool DensePerChannel { get; set; }

    /// <summary>Written into the plan's calibration notes (e.g. the data folder).</summary>
    public string Source { get; set; } = "";
}

/// <summary>
/// Post-training int8 quantization per the TFLite spec (docs: Quantization/README.md): batch norm folded, weights
/// symmetric int8 in [−127, 127] per output channel (per tensor for Dense unless asked), int32 biases at
/// input_scale · weight_scale, activations asymmetric int8 from calibrated ranges, softmax output at 1/256, −128.
/// </summary>
public static class Quantizer
{
    public const float SoftmaxScale = 1f / 256f;
    public const long SoftmaxZeroPoint = -128;

    /// <summary>The input quantization of keyword models: x = q / 128 for the frontend's int8 q (docs/TOOLKIT.md).</summary>
    public static QuantParams KwsInput => QuantParams.PerTensor(1f / 128f, 0);

    // Narrowest calibrated range kept: a dead layer still gets a usable scale (and softmax a multiplier above 1).
    private const float MinRangeWidth = 1e-4f;

    public static QuantizedModel Quantize(FloatModel model, IReadOnlyList<float[]> calibration, QuantizeOptions options,
        Action<int>? progress = null)
    {
        var folded = BatchNormFolding.Fold(model);
        var ranges = Calibration.Collect(folded, calibration, options.Method, progress);
        return Build(folded, ranges, options);
    }

    /// <summary>The plan for a model without BatchNorm layers (see BatchNormFolding) and its calibrated ranges.</summary>
    public static QuantizedModel Build(FloatModel folded, ActivationRanges ranges, QuantizeOptions options)
    {
        if (folded.Layers.Any(l => l is BatchNorm)) throw new ModelException("fold batch norms before quantizing");
        if (ranges.Layers.Length != folded.Layers.Count) throw new ModelException("ranges do not match the model's layers");
        var shapes = folded.Shapes();
        var plan = new QuantizedModel
        {
            Labels = (string[])folded.Labels.Clone(),
            Metadata = new Dictionary<string, string>(folded.Metadata, StringComparer.Ordinal),
        };
        plan.Calibration["method"] = options.Method.ToString();
        plan.Calibration["samples"] = ranges.Samples.ToString(CultureInfo.InvariantCulture);
        if (options.Source.Length > 0) plan.Calibration["source"] = options.Source;

        var inputQuant = options.InputQuantization ?? ActivationParams(ranges.Input);
        var current = plan.AddTensor(new QuantizedTensor
        {
            Name = "input", Type = QuantizedType.Int8, Shape = Batched(shapes[0]), Quantization = inputQuant,
        });
        plan.Inputs = [current];

        for (var i = 0; i < folded.Layers.Count; i++)
        {
            var layer = folded.Layers[i];
            var name = layer.Name.Length > 0 ? layer.Name : $"{layer.GetType().Name.ToLowerInvariant()}_{i}";
            var inShape = shapes[i];
            var outShape = Batched(shapes[i + 1]);
            var input = plan.Tensors[current];
            var inScale = input.Quantization!.Scale;
            var range = ranges.Layers[i];

            int Output(QuantParams q) => plan.AddTensor(new QuantizedTensor
            {
                Name = name, Type = QuantizedType.Int8, Shape = outShape, Quantization = q,
            });

            QuantizedOperator op;
            switch (layer)
            {
                case Conv2D c:
                {
                    var (w, b) = WeightsAndBias(plan, name, c.Weights, c.Bias, [c.OutChannels, c.KernelH, c.KernelW, inShape[2]],
                        channelDimension: 0, perChannel: true, inScale);
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.Conv2D, Inputs = [current, w, b], Outputs = [Output(ActivationParams(range))],
                        Padding = c.Padding, StrideH = c.StrideH, StrideW = c.StrideW, Activation = c.Activation,
                    };
                    break;
                }
                case DepthwiseConv2D d:
                {
                    var channels = inShape[2] * d.Multiplier;
                    var (w, b) = WeightsAndBias(plan, name, d.Weights, d.Bias, [1, d.KernelH, d.KernelW, channels],
                        channelDimension: 3, perChannel: true, inScale);
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.DepthwiseConv2D, Inputs = [current, w, b], Outputs = [Output(ActivationParams(range))],
                        Padding = d.Padding, StrideH = d.StrideH, StrideW = d.StrideW, DepthMultiplier = d.Multiplier,
                        Activation = d.Activation,
                    };
                    break;
                }
                case Dense d:
                {
                    var depth = inShape.Aggregate(1, (a, x) => a * x);
                    var (w, b) = WeightsAndBias(plan, name, d.Weights, d.Bias, [d.Units, depth], channelDimension: 0,
                        perChannel: options.DensePerChannel, inScale);
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.FullyConnected, Inputs = [current, w, b], Outputs = [Output(ActivationParams(range))],
                        Activation = d.Activation,
                    };
                    break;
                }
                case AveragePool p:
                    // Pooling never rescales: the output keeps the input's quantization (TFLite requires it).
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.AveragePool2D, Inputs = [current], Outputs = [Output(input.Quantization)],
                        Padding = p.Padding, StrideH = p.StrideH, StrideW = p.StrideW,
                        FilterH = p.EffectiveKernelH(inShape), FilterW = p.EffectiveKernelW(inShape),
                    };
                    break;
                case Flatten:
                {
                    var shape = plan.AddTensor(new QuantizedTensor
                    {
                        Name = $"{name}/shape", Type = QuantizedType.Int32, Shape = [outShape.Length], Data = Int32Bytes(outShape),
                    });
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.Reshape, Inputs = [current, shape], Outputs = [Output(input.Quantization)],
                    };
                    break;
                }
                case Softmax:
                    op = new QuantizedOperator
                    {
                        Op = QuantizedOp.Softmax, Inputs = [current],
                        Outputs = [Output(QuantParams.PerTensor(SoftmaxScale, SoftmaxZeroPoint))],
                    };
                    break;
                default:
                    throw new ModelException($"layer {i} '{name}': {layer.GetType().Name} has no int8 form");
            }
            op.Layer = name;
            plan.Operators.Add(op);
            current = op.Outputs[0];
        }
        plan.Outputs = [current];
        plan.Validate();
        return plan;
    }

    /// <summary>Asymmetric int8 parameters covering a range that contains 0: real 0 maps exactly to the zero point.</summary>
    public static QuantParams ActivationParams(FloatRange range)
    {
        double min = Math.Min(range.Min, 0f), max = Math.Max(range.Max, 0f);
        if (max - min < MinRangeWidth) max = min + MinRangeWidth;
        var scale = (float)((max - min) / 255.0);
        var zeroPoint = Math.Clamp((long)Math.Round(-128.0 - min / scale, MidpointRounding.AwayFromZero), -128, 127);
        return QuantParams.PerTensor(scale, zeroPoint);
    }

    /// <summary>
    /// Symmetric int8 weights (zero point 0, values in [−127, 127]) with one scale per index of channelDimension
    /// (or one for all), and the int32 bias at scale input_scale · weight_scale[c]. A weight scale grows if the bias
    /// would not fit in int32 at its scale; an all-zero channel gets scale 1/127.
    /// </summary>
    public static (sbyte[] Weights, QuantParams WeightQuant, int[] Bias, QuantParams BiasQuant) QuantizeWeights(
        float[] weights, float[] bias, int[] shape, int channelDimension, bool perChannel, float inputScale)
    {
        var channels = shape[channelDimension];
        var inner = shape.Skip(channelDimension + 1).Aggregate(1, (a, b) => a * b);
        int ChannelOf(int index) => index / inner % channels;

        var maxAbs = new double[perChannel ? channels : 1];
        for (var i = 0; i < weights.Length; i++)
        {
            var c = perChannel ? ChannelOf(i) : 0;
            maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(weights[i]));
        }
        var scales = new float[maxAbs.Length];
        for (var c = 0; c < scales.Length; c++)
        {
            var biasMax = perChannel ? Math.Abs(bias[c]) : bias.Select(Math.Abs).DefaultIfEmpty(0f).Max();
            var scale = maxAbs[c] > 0 ? maxAbs[c] / 127.0 : 1.0 / 127.0;
            scale = Math.Max(scale, biasMax / ((double)inputScale * (1 << 30))); // keeps |bias| below 2^30 in int32
            scales[c] = (float)scale;
        }

        var q = new sbyte[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var s = scales[perChannel ? ChannelOf(i) : 0];
            q[i] = (sbyte)Math.Clamp(Math.Round(weights[i] / (double)s, MidpointRounding.AwayFromZero), -127, 127);
        }

        var biasScales = scales.Select(s => inputScale * s).ToArray(); // float product, as the converter stores it
        var qb = new int[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            var s = biasScales[perChannel ? c : 0];
            qb[c] = (int)Math.Clamp(Math.Round(bias[c] / (double)s, MidpointRounding.AwayFromZero), int.MinValue + 1, int.MaxValue);
        }
        var dimension = perChannel ? channelDimension : 0;
        return (q, new QuantParams(scales, new long[scales.Length], dimension), qb,
            new QuantParams(biasScales, new long[biasScales.Length], 0));
    }

    private static (int Weights, int Bias) WeightsAndBias(QuantizedModel plan, string name, float[] weights, float[] bias,
        int[] shape, int channelDimension, bool perChannel, float inputScale)
    {
        var (q, wq, qb, bq) = QuantizeWeights(weights, bias, shape, channelDimension, perChannel, inputScale);
        var w = plan.AddTensor(new QuantizedTensor
        {
            Name = $"{name}/weights", Type = QuantizedType.Int8, Shape = shape, Quantization = wq,
            Data = q.Select(v => (byte)v).ToArray(),
        });
        var b = plan.AddTensor(new QuantizedTensor
        {
            Name = $"{name}/bias", Type = QuantizedType.Int32, Shape = [bias.Length], Quantization = bq, Data = Int32Bytes(qb),
        });
        return (w, b);
    }

    private static int[] Batched(int[] shape) => [1, .. shape];

    private static byte[] Int32Bytes(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}

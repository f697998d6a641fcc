using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Architectures;

/// <summary>
/// What a float model will roughly cost as an int8 .tflite on our engine, before quantizing it: batch norms fold into
/// the layer before them; weights take a byte, biases four; per-channel quantization parameters (scale and zero point
/// of weights and biases) about 24 bytes per convolution channel; each tensor's FlatBuffer table about 130 bytes;
/// the arena is the largest pair of int8 activations alive across one operator plus the engine's records (about 80
/// bytes per operator, 8 per convolution channel, 4 per tensor). Constants calibrated on an exported DS-CNN
/// (estimate within 3 % of its file size without training metadata and of the engine planner's arena); the exact
/// figures are `tinyml export`'s and the planner's (`tinyml-run --plan`).
/// </summary>
public sealed record Int8Footprint(long FlashBytes, long ArenaBytes, long LargestActivationBytes, long Macs, long Parameters)
{
    private const int FileBytes = 2048, TensorTableBytes = 130, ChannelQuantizationBytes = 24;
    private const int RecordBytesPerOperator = 80, RecordBytesPerChannel = 8, RecordBytesPerTensor = 4;

    public static Int8Footprint Estimate(FloatModel model)
    {
        var shapes = model.Shapes();
        long flash = FileBytes, pair = 0, largest = 0, operators = 0, channels = 0, tensors = 1;
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            long input = Count(shapes[i]), output = Count(shapes[i + 1]);
            switch (layer)
            {
                case BatchNorm:
                    continue; // folded: no operator, no tensor of its own (the layer before outputs the normalized tensor)
                case Conv2D c:
                    flash += c.Weights.Length + 4L * c.Bias.Length + ChannelQuantizationBytes * c.OutChannels;
                    channels += c.OutChannels;
                    tensors += 2;
                    break;
                case DepthwiseConv2D d:
                    flash += d.Weights.Length + 4L * d.Bias.Length + ChannelQuantizationBytes * d.Bias.Length;
                    channels += d.Bias.Length;
                    tensors += 2;
                    break;
                case Dense d:
                    flash += d.Weights.Length + 4L * d.Bias.Length + ChannelQuantizationBytes;
                    tensors += 2;
                    break;
                case Flatten:
                    tensors++; // the reshape's shape constant
                    break;
            }
            operators++;
            tensors++;
            largest = Math.Max(largest, output);
            pair = Math.Max(pair, input + output);
        }
        flash += TensorTableBytes * tensors;
        var records = RecordBytesPerOperator * operators + RecordBytesPerChannel * channels + RecordBytesPerTensor * tensors;
        return new Int8Footprint(flash, pair + records, largest, model.Macs(), model.ParameterCount());
    }

    private static long Count(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}

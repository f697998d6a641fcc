using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Architectures;

/// <summary>
/// What a float model will roughly cost as an int8 .tflite on the engine, before quantizing it: batch norms fold into
/// the layer before them, weights take a byte, biases four, per-channel quantization eight per output channel. The
/// arena estimate is the largest pair of int8 activations alive across one operator plus a per-operator allowance for
/// the engine's records; the exact figure comes from the engine's planner on the exported model (`tinyml-run`).
/// </summary>
public sealed record Int8Footprint(long FlashBytes, long ArenaBytes, long LargestActivationBytes, long Macs, long Parameters)
{
    private const int RecordBytesPerOperator = 96;
    private const int FileOverheadBytes = 2048;

    public static Int8Footprint Estimate(FloatModel model)
    {
        var shapes = model.Shapes();
        long flash = FileOverheadBytes, pair = 0, largest = 0, operators = 0;
        for (var i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            long input = Count(shapes[i]), output = Count(shapes[i + 1]);
            largest = Math.Max(largest, output);
            switch (layer)
            {
                case Conv2D c:
                    flash += c.Weights.Length + 4L * c.Bias.Length + 8L * c.OutChannels;
                    break;
                case DepthwiseConv2D d:
                    flash += d.Weights.Length + 4L * d.Bias.Length + 8L * d.Bias.Length;
                    break;
                case Dense d:
                    flash += d.Weights.Length + 4L * d.Bias.Length + 8L * d.Units;
                    break;
                case BatchNorm:
                    continue; // folded: no operator, no tensor of its own
            }
            // A batch norm after this layer folds in: the operator's output is the tensor after the batch norm.
            operators++;
            pair = Math.Max(pair, input + output);
        }
        return new Int8Footprint(flash, pair + operators * RecordBytesPerOperator, largest, model.Macs(), model.ParameterCount());
    }

    private static long Count(int[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}

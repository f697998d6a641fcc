using System.Numerics.Tensors;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>Trainable-network form of <see cref="AveragePool"/> (global when the kernel is 0); padding counts for nothing.</summary>
public sealed class AveragePoolLayer : TrainableLayer
{
    private readonly int _kh, _kw, _sh, _sw, _padH, _padW, _ih, _iw, _c, _oh, _ow;

    public AveragePoolLayer(AveragePool layer, int[] inputShape, int[] outputShape) : base(layer.Name, inputShape, outputShape)
    {
        (_ih, _iw, _c, _oh, _ow) = (inputShape[0], inputShape[1], inputShape[2], outputShape[0], outputShape[1]);
        (_kh, _kw, _sh, _sw) = (layer.EffectiveKernelH(inputShape), layer.EffectiveKernelW(inputShape), layer.StrideH, layer.StrideW);
        _padH = Inference.PadBefore(_ih, _oh, _kh, _sh, layer.Padding);
        _padW = Inference.PadBefore(_iw, _ow, _kw, _sw, layer.Padding);
    }

    public override void Forward(float[] x, float[] y, int batch, bool training) =>
        ForEachSample(batch, InputSize, b =>
        {
            for (var oy = 0; oy < _oh; oy++)
            for (var ox = 0; ox < _ow; ox++)
            {
                var (y0, y1, x0, x1, scale) = Window(oy, ox);
                var output = y.AsSpan(((b * _oh + oy) * _ow + ox) * _c, _c);
                output.Clear();
                for (var iy = y0; iy < y1; iy++)
                for (var ix = x0; ix < x1; ix++)
                    TensorPrimitives.Add(output, x.AsSpan(((b * _ih + iy) * _iw + ix) * _c, _c), output);
                TensorPrimitives.Multiply(output, scale, output);
            }
        });

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        if (dx is null) return;
        ForEachSample(batch, InputSize, b =>
        {
            dx.AsSpan(b * InputSize, InputSize).Clear();
            for (var oy = 0; oy < _oh; oy++)
            for (var ox = 0; ox < _ow; ox++)
            {
                var (y0, y1, x0, x1, scale) = Window(oy, ox);
                var gradient = dy.AsSpan(((b * _oh + oy) * _ow + ox) * _c, _c);
                for (var iy = y0; iy < y1; iy++)
                for (var ix = x0; ix < x1; ix++)
                {
                    var input = dx.AsSpan(((b * _ih + iy) * _iw + ix) * _c, _c);
                    TensorPrimitives.MultiplyAdd(gradient, scale, input, input);
                }
            }
        });
    }

    // The input rows [y0, y1) and columns [x0, x1) output (oy, ox) averages, and 1 / their count.
    private (int Y0, int Y1, int X0, int X1, float Scale) Window(int oy, int ox)
    {
        int y0 = Math.Max(0, oy * _sh - _padH), y1 = Math.Min(_ih, oy * _sh - _padH + _kh);
        int x0 = Math.Max(0, ox * _sw - _padW), x1 = Math.Min(_iw, ox * _sw - _padW + _kw);
        var count = Math.Max(0, y1 - y0) * Math.Max(0, x1 - x0);
        return (y0, y1, x0, x1, count == 0 ? 0f : 1f / count);
    }
}

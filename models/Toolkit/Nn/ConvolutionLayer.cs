using System.Numerics.Tensors;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Trainable <see cref="Conv2D"/>: patches of the batch as rows (im2col, skipped for 1×1 stride-1 convolutions whose
/// input already is that matrix), then one product with the OHWI weights, which are [out × kh·kw·in] as they stand.
/// </summary>
public sealed class ConvolutionLayer : TrainableLayer
{
    private readonly int _kh, _kw, _sh, _sw, _padH, _padW, _ih, _iw, _ic, _oh, _ow, _oc, _patch;
    private readonly Activation _activation;
    private readonly bool _direct;
    private readonly Parameter _weights, _bias;
    private float[]? _cols, _wT, _dcols;

    public ConvolutionLayer(Conv2D layer, int[] inputShape, int[] outputShape) : base(layer.Name, inputShape, outputShape)
    {
        (_ih, _iw, _ic, _oh, _ow, _oc) = (inputShape[0], inputShape[1], inputShape[2], outputShape[0], outputShape[1], outputShape[2]);
        (_kh, _kw, _sh, _sw) = (layer.KernelH, layer.KernelW, layer.StrideH, layer.StrideW);
        _padH = Inference.PadBefore(_ih, _oh, _kh, _sh, layer.Padding);
        _padW = Inference.PadBefore(_iw, _ow, _kw, _sw, layer.Padding);
        _patch = _kh * _kw * _ic;
        _activation = layer.Activation;
        _direct = _kh == 1 && _kw == 1 && _sh == 1 && _sw == 1 && _oh == _ih && _ow == _iw;
        _weights = new Parameter(layer.Name + ".weights", (float[])layer.Weights.Clone(), decay: true);
        _bias = new Parameter(layer.Name + ".bias", (float[])layer.Bias.Clone(), decay: false);
    }

    public override IReadOnlyList<Parameter> Parameters => [_weights, _bias];

    public override void Forward(float[] x, float[] y, int batch, bool training)
    {
        var rows = batch * _oh * _ow;
        var cols = Patches(x, batch);
        var wT = Scratch(ref _wT, (long)_oc * _patch);
        Gemm.Transpose(_weights.Value, _oc, _patch, wT);
        for (var r = 0; r < rows; r++) _bias.Value.CopyTo(y.AsSpan(r * _oc, _oc));
        Gemm.Multiply(cols, wT, y, rows, _oc, _patch, accumulate: true);
        FusedActivation.Apply(y.AsSpan(0, rows * _oc), _activation);
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        var rows = batch * _oh * _ow;
        FusedActivation.Mask(y.AsSpan(0, rows * _oc), dy.AsSpan(0, rows * _oc), _activation);
        var cols = _direct ? x : _cols!;
        Gemm.ColumnSums(dy, rows, _oc, _bias.Grad);
        Gemm.MultiplyTransposedA(dy, cols, _weights.Grad, _oc, _patch, rows, accumulate: false);
        if (dx is null) return;
        if (_direct)
        {
            Gemm.Multiply(dy, _weights.Value, dx, rows, _patch, _oc, accumulate: false);
            return;
        }
        var dcols = Scratch(ref _dcols, (long)rows * _patch);
        Gemm.Multiply(dy, _weights.Value, dcols, rows, _patch, _oc, accumulate: false);
        ForEachSample(batch, (long)_oh * _ow * _patch, b => ScatterPatches(dcols, dx, b));
    }

    public override void WriteTo(Layer layer)
    {
        var c = (Conv2D)layer;
        c.Weights = (float[])_weights.Value.Clone();
        c.Bias = (float[])_bias.Value.Clone();
    }

    private float[] Patches(float[] x, int batch)
    {
        if (_direct) return x;
        var cols = Scratch(ref _cols, (long)batch * _oh * _ow * _patch);
        ForEachSample(batch, (long)_oh * _ow * _patch, b => GatherPatches(x, cols, b));
        return cols;
    }

    // Row (oy, ox) of sample b holds the kh×kw×in window that output position reads, zeros where it hangs over the edge.
    private void GatherPatches(float[] x, float[] cols, int b)
    {
        var input = b * _ih * _iw * _ic;
        for (var oy = 0; oy < _oh; oy++)
        for (var ox = 0; ox < _ow; ox++)
        {
            var row = cols.AsSpan(((b * _oh + oy) * _ow + ox) * _patch, _patch);
            for (var ky = 0; ky < _kh; ky++)
            {
                var iy = oy * _sh - _padH + ky;
                var dst = row.Slice(ky * _kw * _ic, _kw * _ic);
                if (iy < 0 || iy >= _ih)
                {
                    dst.Clear();
                    continue;
                }
                int ix0 = ox * _sw - _padW, first = Math.Clamp(-ix0, 0, _kw), last = Math.Clamp(_iw - ix0, first, _kw);
                dst[..(first * _ic)].Clear();
                if (last > first)
                    x.AsSpan(input + (iy * _iw + ix0 + first) * _ic, (last - first) * _ic).CopyTo(dst[(first * _ic)..]);
                dst[(last * _ic)..].Clear();
            }
        }
    }

    // The transpose of GatherPatches: every patch gradient added back where its values came from.
    private void ScatterPatches(float[] dcols, float[] dx, int b)
    {
        var input = b * _ih * _iw * _ic;
        dx.AsSpan(input, _ih * _iw * _ic).Clear();
        for (var oy = 0; oy < _oh; oy++)
        for (var ox = 0; ox < _ow; ox++)
        {
            var row = dcols.AsSpan(((b * _oh + oy) * _ow + ox) * _patch, _patch);
            for (var ky = 0; ky < _kh; ky++)
            {
                var iy = oy * _sh - _padH + ky;
                if (iy < 0 || iy >= _ih) continue;
                int ix0 = ox * _sw - _padW, first = Math.Clamp(-ix0, 0, _kw), last = Math.Clamp(_iw - ix0, first, _kw);
                if (last == first) continue;
                var dst = dx.AsSpan(input + (iy * _iw + ix0 + first) * _ic, (last - first) * _ic);
                TensorPrimitives.Add(dst, row.Slice((ky * _kw + first) * _ic, (last - first) * _ic), dst);
            }
        }
    }
}

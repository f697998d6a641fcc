using System.Numerics;
using System.Numerics.Tensors;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Trainable <see cref="DepthwiseConv2D"/>, vectorized over channels. With a multiplier m, each input channel is first
/// repeated m times so output channel o simply reads expanded channel o. Parameter gradients are summed per sample,
/// then over samples in order (deterministic).
/// </summary>
public sealed class DepthwiseLayer : TrainableLayer
{
    private readonly int _kh, _kw, _sh, _sw, _padH, _padW, _ih, _iw, _ic, _oh, _ow, _oc, _multiplier;
    private readonly Activation _activation;
    private readonly Parameter _weights, _bias;
    private float[]? _expanded, _dExpanded, _partials;

    public DepthwiseLayer(DepthwiseConv2D layer, int[] inputShape, int[] outputShape) : base(layer.Name, inputShape, outputShape)
    {
        (_ih, _iw, _ic, _oh, _ow, _oc) = (inputShape[0], inputShape[1], inputShape[2], outputShape[0], outputShape[1], outputShape[2]);
        (_kh, _kw, _sh, _sw, _multiplier) = (layer.KernelH, layer.KernelW, layer.StrideH, layer.StrideW, layer.Multiplier);
        _padH = Inference.PadBefore(_ih, _oh, _kh, _sh, layer.Padding);
        _padW = Inference.PadBefore(_iw, _ow, _kw, _sw, layer.Padding);
        _activation = layer.Activation;
        _weights = new Parameter(layer.Name + ".weights", (float[])layer.Weights.Clone(), decay: true);
        _bias = new Parameter(layer.Name + ".bias", (float[])layer.Bias.Clone(), decay: false);
    }

    public override IReadOnlyList<Parameter> Parameters => [_weights, _bias];

    private int Taps => _kh * _kw;

    public override void Forward(float[] x, float[] y, int batch, bool training)
    {
        var source = Expand(x, batch);
        ForEachSample(batch, (long)_oh * _ow * _oc * Taps, b =>
        {
            for (var oy = 0; oy < _oh; oy++)
            for (var ox = 0; ox < _ow; ox++)
                OutputPosition(source, y, b, oy, ox);
        });
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        var outputs = batch * _oh * _ow * _oc;
        FusedActivation.Mask(y.AsSpan(0, outputs), dy.AsSpan(0, outputs), _activation);
        var source = _multiplier == 1 ? x : _expanded!;
        var partialSize = (Taps + 1) * _oc;
        var partials = Scratch(ref _partials, (long)batch * partialSize);
        var dSource = dx is null ? null : _multiplier == 1 ? dx : Scratch(ref _dExpanded, (long)batch * _ih * _iw * _oc);
        ForEachSample(batch, (long)_oh * _ow * _oc * Taps, b =>
        {
            partials.AsSpan(b * partialSize, partialSize).Clear();
            dSource?.AsSpan(b * _ih * _iw * _oc, _ih * _iw * _oc).Clear();
            for (var oy = 0; oy < _oh; oy++)
            for (var ox = 0; ox < _ow; ox++)
                PositionGradient(source, dy, dSource, partials, b * partialSize, b, oy, ox);
            if (dx is not null && _multiplier > 1)
                for (var p = b * _ih * _iw; p < (b + 1) * _ih * _iw; p++)
                for (var i = 0; i < _ic; i++)
                    dx[p * _ic + i] = TensorPrimitives.Sum(dSource!.AsSpan(p * _oc + i * _multiplier, _multiplier));
        });
        var grad = _weights.Grad.AsSpan();
        var biasGrad = _bias.Grad.AsSpan();
        grad.Clear();
        biasGrad.Clear();
        for (var b = 0; b < batch; b++)
        {
            TensorPrimitives.Add(grad, partials.AsSpan(b * partialSize, Taps * _oc), grad);
            TensorPrimitives.Add(biasGrad, partials.AsSpan(b * partialSize + Taps * _oc, _oc), biasGrad);
        }
    }

    // The taps of output (oy, ox) that fall inside the input: rows [ky0, ky1), columns [kx0, kx1).
    private (int Ky0, int Ky1, int Kx0, int Kx1) Window(int oy, int ox)
    {
        int top = oy * _sh - _padH, left = ox * _sw - _padW;
        return (Math.Max(0, -top), Math.Min(_kh, _ih - top), Math.Max(0, -left), Math.Min(_kw, _iw - left));
    }

    private void OutputPosition(float[] source, float[] y, int b, int oy, int ox)
    {
        var (ky0, ky1, kx0, kx1) = Window(oy, ox);
        int top = oy * _sh - _padH, left = ox * _sw - _padW, c = _oc, w = Vector<float>.Count;
        var input = b * _ih * _iw * c;
        var output = ((b * _oh + oy) * _ow + ox) * c;
        float[] weights = _weights.Value, bias = _bias.Value;
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var acc = new Vector<float>(bias, ch);
            for (var ky = ky0; ky < ky1; ky++)
            for (var kx = kx0; kx < kx1; kx++)
                acc = Vector.FusedMultiplyAdd(new Vector<float>(source, input + ((top + ky) * _iw + left + kx) * c + ch),
                    new Vector<float>(weights, (ky * _kw + kx) * c + ch), acc);
            acc.CopyTo(y, output + ch);
        }
        for (; ch < c; ch++)
        {
            var acc = bias[ch];
            for (var ky = ky0; ky < ky1; ky++)
            for (var kx = kx0; kx < kx1; kx++)
                acc = MathF.FusedMultiplyAdd(source[input + ((top + ky) * _iw + left + kx) * c + ch], weights[(ky * _kw + kx) * c + ch], acc);
            y[output + ch] = acc;
        }
        FusedActivation.Apply(y.AsSpan(output, c), _activation);
    }

    // Adds output (oy, ox)'s share to the sample's weight and bias gradients (partials[at..]) and to dSource.
    private void PositionGradient(float[] source, float[] dy, float[]? dSource, float[] partials, int at, int b, int oy, int ox)
    {
        var (ky0, ky1, kx0, kx1) = Window(oy, ox);
        int top = oy * _sh - _padH, left = ox * _sw - _padW, c = _oc, w = Vector<float>.Count;
        var input = b * _ih * _iw * c;
        var output = ((b * _oh + oy) * _ow + ox) * c;
        var biasAt = at + Taps * c;
        var weights = _weights.Value;
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var g = new Vector<float>(dy, output + ch);
            (new Vector<float>(partials, biasAt + ch) + g).CopyTo(partials, biasAt + ch);
            for (var ky = ky0; ky < ky1; ky++)
            for (var kx = kx0; kx < kx1; kx++)
            {
                int tap = (ky * _kw + kx) * c + ch, pos = input + ((top + ky) * _iw + left + kx) * c + ch;
                Vector.FusedMultiplyAdd(g, new Vector<float>(source, pos), new Vector<float>(partials, at + tap)).CopyTo(partials, at + tap);
                if (dSource is not null)
                    Vector.FusedMultiplyAdd(g, new Vector<float>(weights, tap), new Vector<float>(dSource, pos)).CopyTo(dSource, pos);
            }
        }
        for (; ch < c; ch++)
        {
            var g = dy[output + ch];
            partials[biasAt + ch] += g;
            for (var ky = ky0; ky < ky1; ky++)
            for (var kx = kx0; kx < kx1; kx++)
            {
                int tap = (ky * _kw + kx) * c + ch, pos = input + ((top + ky) * _iw + left + kx) * c + ch;
                partials[at + tap] = MathF.FusedMultiplyAdd(g, source[pos], partials[at + tap]);
                if (dSource is not null) dSource[pos] = MathF.FusedMultiplyAdd(g, weights[tap], dSource[pos]);
            }
        }
    }

    public override void WriteTo(Layer layer)
    {
        var d = (DepthwiseConv2D)layer;
        d.Weights = (float[])_weights.Value.Clone();
        d.Bias = (float[])_bias.Value.Clone();
    }

    // With a multiplier, input channel i becomes expanded channels i·m … i·m + m − 1.
    private float[] Expand(float[] x, int batch)
    {
        if (_multiplier == 1) return x;
        var expanded = Scratch(ref _expanded, (long)batch * _ih * _iw * _oc);
        for (var p = 0; p < batch * _ih * _iw; p++)
        for (var i = 0; i < _ic; i++)
            expanded.AsSpan(p * _oc + i * _multiplier, _multiplier).Fill(x[p * _ic + i]);
        return expanded;
    }
}

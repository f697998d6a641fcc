namespace TinyMl.Toolkit.Model;

/// <summary>
/// The float reference forward pass of a FloatModel, one sample at a time, written for clarity: calibration
/// (activation ranges), float accuracy and the trainer's tests use it. Tensors are NHWC without batch, flattened.
/// </summary>
public static class Inference
{
    /// <summary>The output of every layer: result[i] is what Layers[i] produced.</summary>
    public static float[][] LayerOutputs(FloatModel model, float[] input)
    {
        var shapes = model.Shapes();
        if (input.Length != Shapes.Count(shapes[0]))
            throw new ModelException($"input has {input.Length} values, the model takes {Shapes.Count(shapes[0])}");
        var outputs = new float[model.Layers.Count][];
        var x = input;
        for (var i = 0; i < model.Layers.Count; i++)
        {
            x = Forward(model.Layers[i], x, shapes[i], shapes[i + 1]);
            outputs[i] = x;
        }
        return outputs;
    }

    public static float[] Predict(FloatModel model, float[] input)
    {
        var outputs = LayerOutputs(model, input);
        return outputs.Length == 0 ? input : outputs[^1];
    }

    public static float Activate(float v, Activation a) => a switch
    {
        Activation.Relu => MathF.Max(v, 0f),
        Activation.Relu6 => MathF.Min(MathF.Max(v, 0f), 6f),
        _ => v,
    };

    /// <summary>Leading padding of TFLite SAME/VALID for one dimension.</summary>
    public static int PadBefore(int input, int output, int kernel, int stride, Padding padding) =>
        padding == Padding.Valid ? 0 : Math.Max(0, ((output - 1) * stride + kernel - input) / 2);

    private static float[] Forward(Layer layer, float[] x, int[] inShape, int[] outShape)
    {
        switch (layer)
        {
            case Conv2D c:
            {
                int ih = inShape[0], iw = inShape[1], ic = inShape[2], oh = outShape[0], ow = outShape[1];
                int ph = PadBefore(ih, oh, c.KernelH, c.StrideH, c.Padding), pw = PadBefore(iw, ow, c.KernelW, c.StrideW, c.Padding);
                var y = new float[oh * ow * c.OutChannels];
                for (var oy = 0; oy < oh; oy++)
                for (var ox = 0; ox < ow; ox++)
                for (var o = 0; o < c.OutChannels; o++)
                {
                    double acc = c.Bias[o];
                    for (var ky = 0; ky < c.KernelH; ky++)
                    {
                        var iy = oy * c.StrideH - ph + ky;
                        if (iy < 0 || iy >= ih) continue;
                        for (var kx = 0; kx < c.KernelW; kx++)
                        {
                            var ix = ox * c.StrideW - pw + kx;
                            if (ix < 0 || ix >= iw) continue;
                            for (var i = 0; i < ic; i++)
                                acc += (double)c.Weights[((o * c.KernelH + ky) * c.KernelW + kx) * ic + i] * x[(iy * iw + ix) * ic + i];
                        }
                    }
                    y[(oy * ow + ox) * c.OutChannels + o] = Activate((float)acc, c.Activation);
                }
                return y;
            }
            case DepthwiseConv2D d:
            {
                int ih = inShape[0], iw = inShape[1], ic = inShape[2], oh = outShape[0], ow = outShape[1], oc = outShape[2];
                int ph = PadBefore(ih, oh, d.KernelH, d.StrideH, d.Padding), pw = PadBefore(iw, ow, d.KernelW, d.StrideW, d.Padding);
                var y = new float[oh * ow * oc];
                for (var oy = 0; oy < oh; oy++)
                for (var ox = 0; ox < ow; ox++)
                for (var o = 0; o < oc; o++)
                {
                    double acc = d.Bias[o];
                    var i = o / d.Multiplier;
                    for (var ky = 0; ky < d.KernelH; ky++)
                    {
                        var iy = oy * d.StrideH - ph + ky;
                        if (iy < 0 || iy >= ih) continue;
                        for (var kx = 0; kx < d.KernelW; kx++)
                        {
                            var ix = ox * d.StrideW - pw + kx;
                            if (ix < 0 || ix >= iw) continue;
                            acc += (double)d.Weights[(ky * d.KernelW + kx) * oc + o] * x[(iy * iw + ix) * ic + i];
                        }
                    }
                    y[(oy * ow + ox) * oc + o] = Activate((float)acc, d.Activation);
                }
                return y;
            }
            case BatchNorm b:
            {
                var channels = inShape[^1];
                var y = new float[x.Length];
                for (var j = 0; j < x.Length; j++)
                {
                    var c = j % channels;
                    var v = (x[j] - b.Mean[c]) / MathF.Sqrt(b.Variance[c] + b.Epsilon) * b.Gamma[c] + b.Beta[c];
                    y[j] = Activate(v, b.Activation);
                }
                return y;
            }
            case Dense d:
            {
                var y = new float[d.Units];
                for (var u = 0; u < d.Units; u++)
                {
                    double acc = d.Bias[u];
                    for (var i = 0; i < x.Length; i++) acc += (double)d.Weights[u * x.Length + i] * x[i];
                    y[u] = Activate((float)acc, d.Activation);
                }
                return y;
            }
            case AveragePool p:
            {
                int ih = inShape[0], iw = inShape[1], c = inShape[2], oh = outShape[0], ow = outShape[1];
                int kh = p.EffectiveKernelH(inShape), kw = p.EffectiveKernelW(inShape);
                int ph = PadBefore(ih, oh, kh, p.StrideH, p.Padding), pw = PadBefore(iw, ow, kw, p.StrideW, p.Padding);
                var y = new float[oh * ow * c];
                for (var oy = 0; oy < oh; oy++)
                for (var ox = 0; ox < ow; ox++)
                for (var ch = 0; ch < c; ch++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var ky = 0; ky < kh; ky++)
                    for (var kx = 0; kx < kw; kx++)
                    {
                        int iy = oy * p.StrideH - ph + ky, ix = ox * p.StrideW - pw + kx;
                        if (iy < 0 || iy >= ih || ix < 0 || ix >= iw) continue; // padding counts for nothing, as in TFLite
                        sum += x[(iy * iw + ix) * c + ch];
                        count++;
                    }
                    y[(oy * ow + ox) * c + ch] = count == 0 ? 0f : (float)(sum / count);
                }
                return y;
            }
            case Flatten:
                return x;
            case Softmax:
            {
                var channels = inShape[^1];
                var y = new float[x.Length];
                for (var row = 0; row < x.Length; row += channels)
                {
                    var max = float.NegativeInfinity;
                    for (var j = 0; j < channels; j++) max = MathF.Max(max, x[row + j]);
                    double sum = 0;
                    for (var j = 0; j < channels; j++) sum += Math.Exp(x[row + j] - max);
                    for (var j = 0; j < channels; j++) y[row + j] = (float)(Math.Exp(x[row + j] - max) / sum);
                }
                return y;
            }
            default:
                throw new ModelException($"no float forward for layer type {layer.GetType().Name}");
        }
    }
}

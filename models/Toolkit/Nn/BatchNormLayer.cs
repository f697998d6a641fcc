using System.Numerics;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Trainable <see cref="BatchNorm"/> over the last dimension. Training: statistics of the batch (every sample and
/// position), running mean and unbiased variance updated as running = momentum · running + (1 − momentum) · batch.
/// Inference: the running statistics, exactly what the IR layer means. Two passes each way, vectorized over channels;
/// sums run per sample, then over samples in order (deterministic).
/// </summary>
public sealed class BatchNormLayer : TrainableLayer
{
    private readonly int _channels, _positions;
    private readonly float _epsilon, _momentum;
    private readonly Activation _activation;
    private readonly Parameter _gamma, _beta;
    private readonly float[] _runningMean, _runningVariance;
    private readonly float[] _mean, _invStd, _scale, _shift;
    private float[]? _partials;
    private bool _trainedLast;

    public BatchNormLayer(BatchNorm layer, int[] inputShape, float momentum) : base(layer.Name, inputShape, inputShape)
    {
        _channels = inputShape[^1];
        _positions = InputSize / _channels;
        _epsilon = layer.Epsilon;
        _momentum = momentum;
        _activation = layer.Activation;
        _gamma = new Parameter(layer.Name + ".gamma", (float[])layer.Gamma.Clone(), decay: false);
        _beta = new Parameter(layer.Name + ".beta", (float[])layer.Beta.Clone(), decay: false);
        _runningMean = (float[])layer.Mean.Clone();
        _runningVariance = (float[])layer.Variance.Clone();
        _mean = new float[_channels];
        _invStd = new float[_channels];
        _scale = new float[_channels];
        _shift = new float[_channels];
    }

    public override IReadOnlyList<Parameter> Parameters => [_gamma, _beta];

    public override void Forward(float[] x, float[] y, int batch, bool training)
    {
        _trainedLast = training;
        var c = _channels;
        if (training)
        {
            // Σ(x − K) and Σ(x − K)² about K = the running mean, which keeps the variance free of cancellation.
            var partials = Scratch(ref _partials, 2L * batch * c);
            var shift = (float[])_runningMean.Clone();
            PerSample(batch, b => Moments(x, b, shift, partials));
            var (sum, squares) = Reduce(partials, batch);
            double count = (double)batch * _positions;
            for (var ch = 0; ch < c; ch++)
            {
                var deviation = sum[ch] / count;
                var variance = Math.Max(0, squares[ch] / count - deviation * deviation);
                _mean[ch] = (float)(shift[ch] + deviation);
                _invStd[ch] = (float)(1.0 / Math.Sqrt(variance + _epsilon));
                var unbiased = count > 1 ? variance * count / (count - 1) : variance;
                _runningMean[ch] = (float)(_momentum * _runningMean[ch] + (1 - _momentum) * _mean[ch]);
                _runningVariance[ch] = (float)(_momentum * _runningVariance[ch] + (1 - _momentum) * unbiased);
            }
        }
        else
        {
            for (var ch = 0; ch < c; ch++)
            {
                _mean[ch] = _runningMean[ch];
                _invStd[ch] = 1f / MathF.Sqrt(_runningVariance[ch] + _epsilon);
            }
        }
        // y = act((x − mean) · γ/σ + β), applied as x · scale + shift.
        for (var ch = 0; ch < c; ch++)
        {
            _scale[ch] = _gamma.Value[ch] * _invStd[ch];
            _shift[ch] = _beta.Value[ch] - _mean[ch] * _scale[ch];
        }
        PerSample(batch, b => Affine(x, y, b, _scale, _shift));
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        var c = _channels;
        var partials = Scratch(ref _partials, 2L * batch * c);
        PerSample(batch, b => GradientSums(x, y, dy, b, partials));
        var (sumDy, sumDyCentered) = Reduce(partials, batch);
        var count = (double)batch * _positions;
        var a = new float[c];
        var centeredCoefficient = new float[c];
        var offset = new float[c];
        for (var ch = 0; ch < c; ch++)
        {
            var dGamma = sumDyCentered[ch] * _invStd[ch]; // Σ dy · x̂
            _beta.Grad[ch] = (float)sumDy[ch];
            _gamma.Grad[ch] = (float)dGamma;
            // Training: dx = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂)); inference statistics are constants: dx = γ/σ · dy.
            a[ch] = _scale[ch];
            centeredCoefficient[ch] = _trainedLast ? (float)(-_scale[ch] * _invStd[ch] * dGamma / count) : 0f;
            offset[ch] = _trainedLast ? (float)(-_scale[ch] * sumDy[ch] / count) : 0f;
        }
        if (dx is not null)
            PerSample(batch, b => InputGradient(x, dy, dx, b, a, centeredCoefficient, offset));
    }

    public override void WriteTo(Layer layer)
    {
        var bn = (BatchNorm)layer;
        bn.Gamma = (float[])_gamma.Value.Clone();
        bn.Beta = (float[])_beta.Value.Clone();
        bn.Mean = (float[])_runningMean.Clone();
        bn.Variance = (float[])_runningVariance.Clone();
    }

    private void PerSample(int batch, Action<int> body) => ForEachSample(batch, InputSize, body);

    // Channel loops below: vectors of channels outer (accumulators stay in registers), positions inner.

    private void Moments(float[] x, int b, float[] shift, float[] partials)
    {
        int c = _channels, w = Vector<float>.Count, start = b * InputSize;
        var sums = partials.AsSpan(2 * b * c, c);
        var squares = partials.AsSpan((2 * b + 1) * c, c);
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var k = new Vector<float>(shift, ch);
            Vector<float> s = default, q = default;
            for (var p = 0; p < _positions; p++)
            {
                var d = new Vector<float>(x, start + p * c + ch) - k;
                s += d;
                q = Vector.FusedMultiplyAdd(d, d, q);
            }
            s.CopyTo(sums[ch..]);
            q.CopyTo(squares[ch..]);
        }
        for (; ch < c; ch++)
        {
            float s = 0, q = 0;
            for (var p = 0; p < _positions; p++)
            {
                var d = x[start + p * c + ch] - shift[ch];
                s += d;
                q = MathF.FusedMultiplyAdd(d, d, q);
            }
            sums[ch] = s;
            squares[ch] = q;
        }
    }

    private void Affine(float[] x, float[] y, int b, float[] scale, float[] shift)
    {
        int c = _channels, w = Vector<float>.Count, start = b * InputSize;
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var m = new Vector<float>(scale, ch);
            var t = new Vector<float>(shift, ch);
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                Activate(Vector.FusedMultiplyAdd(new Vector<float>(x, at), m, t)).CopyTo(y, at);
            }
        }
        for (; ch < c; ch++)
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                y[at] = Inference.Activate(MathF.FusedMultiplyAdd(x[at], scale[ch], shift[ch]), _activation);
            }
    }

    // Masks dy where the activation was flat, then sums dy and dy · (x − mean) per channel.
    private void GradientSums(float[] x, float[] y, float[] dy, int b, float[] partials)
    {
        int c = _channels, start = b * InputSize;
        FusedActivation.Mask(y.AsSpan(start, InputSize), dy.AsSpan(start, InputSize), _activation);
        var w = Vector<float>.Count;
        var sums = partials.AsSpan(2 * b * c, c);
        var products = partials.AsSpan((2 * b + 1) * c, c);
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var mean = new Vector<float>(_mean, ch);
            Vector<float> s = default, q = default;
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                var g = new Vector<float>(dy, at);
                s += g;
                q = Vector.FusedMultiplyAdd(g, new Vector<float>(x, at) - mean, q);
            }
            s.CopyTo(sums[ch..]);
            q.CopyTo(products[ch..]);
        }
        for (; ch < c; ch++)
        {
            float s = 0, q = 0;
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                s += dy[at];
                q = MathF.FusedMultiplyAdd(dy[at], x[at] - _mean[ch], q);
            }
            sums[ch] = s;
            products[ch] = q;
        }
    }

    // dx = a · dy + k · (x − mean) + offset per channel.
    private void InputGradient(float[] x, float[] dy, float[] dx, int b, float[] a, float[] k, float[] offset)
    {
        int c = _channels, w = Vector<float>.Count, start = b * InputSize;
        var ch = 0;
        for (; ch + w <= c; ch += w)
        {
            var va = new Vector<float>(a, ch);
            var vk = new Vector<float>(k, ch);
            var vo = new Vector<float>(offset, ch);
            var mean = new Vector<float>(_mean, ch);
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                var centered = new Vector<float>(x, at) - mean;
                Vector.FusedMultiplyAdd(new Vector<float>(dy, at), va, Vector.FusedMultiplyAdd(centered, vk, vo)).CopyTo(dx, at);
            }
        }
        for (; ch < c; ch++)
            for (var p = 0; p < _positions; p++)
            {
                var at = start + p * c + ch;
                dx[at] = MathF.FusedMultiplyAdd(dy[at], a[ch], MathF.FusedMultiplyAdd(x[at] - _mean[ch], k[ch], offset[ch]));
            }
    }

    private Vector<float> Activate(Vector<float> v) => _activation switch
    {
        Activation.Relu => Vector.Max(v, Vector<float>.Zero),
        Activation.Relu6 => Vector.Min(Vector.Max(v, Vector<float>.Zero), new Vector<float>(6f)),
        _ => v,
    };

    // Per-sample [sums, second sums] pairs added over samples in order, in double.
    private (double[] First, double[] Second) Reduce(float[] partials, int batch)
    {
        var c = _channels;
        double[] first = new double[c], second = new double[c];
        for (var b = 0; b < batch; b++)
            for (var ch = 0; ch < c; ch++)
            {
                first[ch] += partials[2 * b * c + ch];
                second[ch] += partials[(2 * b + 1) * c + ch];
            }
        return (first, second);
    }
}

namespace TinyMl.Toolkit.Data;

/// <summary>
/// An even-order Butterworth low-pass as cascaded biquads (bilinear transform with pre-warping): the anti-alias filter
/// of the simulated IMU. Streaming: state carries from one <see cref="Process"/> call to the next.
/// </summary>
public sealed class ButterworthLowPass
{
    private readonly (double B0, double B1, double B2, double A1, double A2)[] _sections;
    private readonly double[] _state; // x1, x2, y1, y2 per section

    public ButterworthLowPass(int order, double cutoffHz, double sampleRateHz)
    {
        if (order < 2 || order % 2 != 0) throw new ArgumentOutOfRangeException(nameof(order), "order must be even and ≥ 2");
        if (cutoffHz <= 0 || cutoffHz >= sampleRateHz / 2) throw new ArgumentOutOfRangeException(nameof(cutoffHz), "cutoff must lie in (0, Nyquist)");
        _sections = new (double, double, double, double, double)[order / 2];
        _state = new double[4 * _sections.Length];
        var w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double cos = Math.Cos(w0), sin = Math.Sin(w0);
        for (var k = 0; k < order / 2; k++)
        {
            // Pole pair k of the analog prototype lies at angle θ = π(2k+1)/(2·order) from the negative real axis: Q = 1/(2 cos θ).
            var q = 1 / (2 * Math.Cos(Math.PI * (2 * k + 1) / (2 * order)));
            var alpha = sin / (2 * q);
            var a0 = 1 + alpha;
            _sections[k] = ((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
        }
    }

    /// <summary>Filters in place, continuing from the state the previous call left.</summary>
    public void Process(Span<double> signal)
    {
        for (var k = 0; k < _sections.Length; k++)
        {
            var (b0, b1, b2, a1, a2) = _sections[k];
            double x1 = _state[4 * k], x2 = _state[4 * k + 1], y1 = _state[4 * k + 2], y2 = _state[4 * k + 3];
            for (var i = 0; i < signal.Length; i++)
            {
                var x = signal[i];
                var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = y;
                signal[i] = y;
            }
            (_state[4 * k], _state[4 * k + 1], _state[4 * k + 2], _state[4 * k + 3]) = (x1, x2, y1, y2);
        }
    }
}

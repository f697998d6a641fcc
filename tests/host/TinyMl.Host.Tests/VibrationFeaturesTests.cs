namespace TinyMl.Host.Tests;

// The managed vibration features over the engine: known answers for a sine, both arithmetics, the int8 output,
// band layouts, and the checks on settings and arrays.
public class VibrationFeaturesTests
{
    private const float FullScale = 16f;

    [Theory]
    [InlineData(VibrationArithmetic.Default)]
    [InlineData(VibrationArithmetic.Float)]
    [InlineData(VibrationArithmetic.FixedPoint)]
    public void SineGivesItsRmsPeakCrestKurtosisAndBand(VibrationArithmetic arithmetic)
    {
        using var features = new VibrationFeatures(1024, 1, 1024f, FullScale, 8) { Arithmetic = arithmetic };
        float[] f = features.Compute(Sine(1024, 1024f, 32f, 4.0, dc: 1.0)); // 32 Hz: band 0 (0..64 Hz)
        Assert.Equal(12, f.Length);
        Assert.Equal(4 / Math.Sqrt(2), f[VibrationFeatures.RmsIndex], 3);
        Assert.Equal(4.0, f[VibrationFeatures.PeakIndex], 3);
        Assert.Equal(Math.Sqrt(2), f[VibrationFeatures.CrestIndex], 3);
        Assert.Equal(1.5, f[VibrationFeatures.KurtosisIndex], 3);
        Assert.Equal(Math.Log(8.0), f[VibrationFeatures.FirstBandIndex], 3); // A²/2 = 8 g²
    }

    [Fact]
    public void FloatAndFixedPointAgree()
    {
        var random = new Random(3);
        short[] samples = new short[3 * 512];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(random.Next(-3000, 3000) + (i % 3) * 1000);
        }

        using var features = new VibrationFeatures(512, 3, 6664f, FullScale, 16);
        features.Arithmetic = VibrationArithmetic.Float;
        float[] a = features.Compute(samples);
        features.Arithmetic = VibrationArithmetic.FixedPoint;
        float[] b = features.Compute(samples);
        Assert.Equal(60, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-4 * Math.Max(1, Math.Abs(a[i])), $"feature {i}: {a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void QuantizedOutputFollowsTheNormalization()
    {
        using var features = new VibrationFeatures(256, 1, 1000f, FullScale, 2);
        float[] offsets = { 0f, 0f, 1f, 1.5f, -1f, 0f };
        float[] scales = { 0.01f, -0.01f, 1f, 1f, 2f, 100f };
        features.SetNormalization(offsets, scales, 0.5f, -10);
        float[] f = new float[6];
        sbyte[] q = new sbyte[6];
        features.Compute(Sine(256, 1000f, 125f, 1.0), f, q);
        for (int i = 0; i < 6; i++)
        {
            double expected = Math.Clamp(Math.Round((f[i] - offsets[i]) / scales[i] / 0.5, MidpointRounding.AwayFromZero) - 10, -128, 127);
            Assert.Equal((sbyte)expected, q[i]);
        }

        Assert.Equal(127, q[VibrationFeatures.RmsIndex]);
        Assert.Equal(-128, q[VibrationFeatures.PeakIndex]);
    }

    [Fact]
    public void BandEdgesDefineTheBands()
    {
        using var features = new VibrationFeatures(1024, 1, 1024f, FullScale, new float[] { 100f, 200f, 300f });
        Assert.Equal(2, features.BandCount);
        Assert.Equal(6, features.FeatureCount);
        Assert.Equal(new float[] { 100f, 200f, 300f }, features.BandEdgesHz);
        float[] f = features.Compute(Sine(1024, 1024f, 250f, 2.0));
        Assert.Equal(Math.Log(2.0), f[VibrationFeatures.FirstBandIndex + 1], 3);
    }

    [Fact]
    public void DescribesItsLayout()
    {
        using var features = new VibrationFeatures(2048, 3, 6664f, 8f, 16);
        Assert.Equal(2048, features.Window);
        Assert.Equal(3, features.Axes);
        Assert.Equal(6664f, features.SampleRateHz);
        Assert.Equal(8f, features.FullScaleG);
        Assert.Equal(20, features.FeaturesPerAxis);
        Assert.Equal(60, features.FeatureCount);
        Assert.Equal(6144, features.SamplesPerWindow);
        Assert.Equal(3332f, features.BandEdgesHz[16]);
    }

    [Theory]
    [InlineData(1000, 1, 16, "power of two")]
    [InlineData(8192, 1, 16, "power of two")]
    [InlineData(1024, 4, 16, "axes 4")]
    public void InvalidSettingsThrowTheEnginesReason(int window, int axes, int bands, string reason)
    {
        var error = Assert.Throws<TinyMlException>(() => new VibrationFeatures(window, axes, 1000f, FullScale, bands));
        Assert.Equal(TinyMlStatus.Argument, error.Status);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void BandBeyondNyquistIsRefused()
    {
        var error = Assert.Throws<TinyMlException>(() => new VibrationFeatures(512, 1, 1000f, FullScale, new float[] { 0f, 600f }));
        Assert.Contains("beyond Nyquist", error.Message);
    }

    [Fact]
    public void RefusedNormalizationKeepsThePreviousOne()
    {
        using var features = new VibrationFeatures(256, 1, 1000f, FullScale, 1);
        float[] ones = { 1f, 1f, 1f, 1f, 1f };
        var error = Assert.Throws<TinyMlException>(() => features.SetNormalization(new float[5], new float[5], 1f, 0));
        Assert.Contains("scale", error.Message);
        features.SetNormalization(new float[5], ones, 1f, 0);
        Assert.Throws<TinyMlException>(() => features.SetNormalization(new float[5], ones, 1f, 300));
        sbyte[] q = new sbyte[5];
        features.Compute(new short[256], new float[5], q);
        Assert.Equal(new sbyte[] { 0, 0, 0, 0, -28 }, q); // a silent window: zeros, and ln(1e-12) ≈ −27.6 → −28
    }

    [Fact]
    public void WrongArrayLengthsThrowArgumentException()
    {
        using var features = new VibrationFeatures(256, 2, 1000f, FullScale, 4);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => features.Compute(new short[256])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => features.Compute(new short[512], new float[15])).ParamName);
        Assert.Equal("quantized",
            Assert.Throws<ArgumentException>(() => features.Compute(new short[512], new float[16], new sbyte[3])).ParamName);
        Assert.Throws<ArgumentNullException>(() => features.Compute(null!));
    }

    [Fact]
    public void DisposedFeaturesThrowObjectDisposed()
    {
        var features = new VibrationFeatures(256, 1, 1000f, FullScale, 4);
        features.Dispose();
        features.Dispose();
        Assert.Throws<ObjectDisposedException>(() => features.Compute(new short[256]));
        Assert.Throws<ObjectDisposedException>(() => features.FeatureCount);
    }

    internal static short[] Sine(int n, float rateHz, float hz, double amplitudeG, double dc = 0)
    {
        short[] samples = new short[n];
        for (int i = 0; i < n; i++)
        {
            double g = dc + amplitudeG * Math.Sin(2 * Math.PI * hz * i / rateHz);
            samples[i] = (short)Math.Clamp(Math.Round(g * 32768 / FullScale), short.MinValue, short.MaxValue);
        }

        return samples;
    }
}

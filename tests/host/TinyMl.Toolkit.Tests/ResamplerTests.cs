using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class ResamplerTests
{
    private static float[] Sine(double hz, int rate, double seconds, double amplitude = 0.5) =>
        Enumerable.Range(0, (int)(seconds * rate)).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate))).ToArray();

    // The interior, away from the edges where the kernel reaches outside the input.
    private static ReadOnlySpan<float> Interior(float[] x, int rate) => x.AsSpan(rate / 10, x.Length - rate / 5);

    [Theory]
    [InlineData(8000, 16000, 1000)]
    [InlineData(48000, 6664, 1000)]
    [InlineData(22050, 16000, 3000)]
    [InlineData(16000, 17120, 2500)]
    public void SineKeepsFrequencyAndAmplitude(int from, int to, double hz)
    {
        var output = Resampler.Resample(Sine(hz, from, 1.0), from, to);
        Assert.Equal(new Resampler(from, to).OutputLength((long)from), output.Length);
        var amplitude = DataSpectra.ToneAmplitude(Interior(output, to), to, hz);
        Assert.InRange(amplitude, 0.5 * 0.999, 0.5 * 1.001);
        var magnitude = DataSpectra.Magnitude(Interior(output, to), out var n);
        Assert.InRange(DataSpectra.FrequencyOfLargestPeak(magnitude, n, to, 10, to / 2.0 - 10), hz - 2.0 * to / n, hz + 2.0 * to / n);
    }

    [Theory]
    [InlineData(48000, 6664, 5000)] // above the new Nyquist (3332 Hz): would alias to 1664 Hz
    [InlineData(48000, 6664, 3700)]
    [InlineData(22050, 16000, 9000)]
    public void ToneAboveTheNewNyquistIsAttenuatedBy80Db(int from, int to, double hz)
    {
        var output = Resampler.Resample(Sine(hz, from, 1.0), from, to);
        var alias = Math.Abs(to - hz % to);
        var residual = Math.Max(AudioEffects.Rms(Interior(output, to)) * Math.Sqrt(2), DataSpectra.ToneAmplitude(Interior(output, to), to, alias));
        Assert.True(AudioEffects.ToDb(residual / 0.5) < -80, $"{hz} Hz at {from} → {to} Hz leaves {AudioEffects.ToDb(residual / 0.5):0.0} dB");
    }

    [Fact]
    public void UpsamplingMakesNoImages()
    {
        // 3 kHz at 8 kHz has its first image at 5 kHz once the rate is 16 kHz.
        var output = Resampler.Resample(Sine(3000, 8000, 1.0), 8000, 16000);
        var image = DataSpectra.ToneAmplitude(Interior(output, 16000), 16000, 5000);
        Assert.True(AudioEffects.ToDb(image / 0.5) < -80, $"image at {AudioEffects.ToDb(image / 0.5):0.0} dB");
    }

    [Fact]
    public void SameRateIsACopy()
    {
        var x = Sine(440, 16000, 0.1);
        Assert.Equal(x, Resampler.Resample(x, 16000, 16000));
    }
}

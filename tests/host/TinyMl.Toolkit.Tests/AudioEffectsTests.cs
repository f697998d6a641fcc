using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class AudioEffectsTests
{
    private static float[] Sine(double hz, double seconds) =>
        Enumerable.Range(0, (int)(seconds * 16000)).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 16000))).ToArray();

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.25)]
    public void TempoChangesDurationNotPitch(double tempo)
    {
        var y = AudioEffects.ChangeTempo(Sine(440, 1), tempo, 16000);
        Assert.Equal((int)Math.Round(16000 / tempo), y.Length);
        var middle = y.AsSpan(y.Length / 4, y.Length / 2);
        Assert.InRange(DataSpectra.ToneAmplitude(middle, 16000, 440), 0.45, 0.55);
    }

    [Fact]
    public void SpeedChangesDurationAndPitchTogether()
    {
        var y = AudioEffects.ChangeSpeed(Sine(440, 1), 1.1, 16000);
        Assert.InRange(y.Length, 14540, 14550);
        Assert.InRange(DataSpectra.ToneAmplitude(y.AsSpan(2000, 10000), 16000, 484), 0.49, 0.51);
    }

    [Fact]
    public void RoomImpulseDecaysAtItsRt60()
    {
        var h = AudioEffects.RoomImpulse(new SeededRandom(1), 0.4, 6, 16000);
        double Energy(int from, int to) => h.Skip(from).Take(to - from).Sum(v => (double)v * v);
        // 60 dB in 0.4 s: 0.15–0.25 s is 15 dB below 0.05–0.15 s (after the direct path and early reflections)
        var drop = 10 * Math.Log10(Energy(800, 2400) / Energy(2400, 4000));
        Assert.InRange(drop, 12, 18);
        Assert.Equal(1f, h[0]);
    }

    [Fact]
    public void ColouredNoiseHasItsSlope()
    {
        var rng = new SeededRandom(2);
        foreach (var (alpha, slopeDb) in new[] { (0.0, 0.0), (1.0, -3.0), (2.0, -6.0) })
        {
            var x = NoiseSources.Coloured(alpha, 1 << 16, 16000, rng);
            var m = DataSpectra.Magnitude(x, out var n);
            double Band(double hz) => m.Skip((int)(hz * 0.8 * n / 16000)).Take((int)(hz * 0.4 * n / 16000)).Average(v => v * v);
            var perOctave = 10 * Math.Log10(Band(2000) / Band(1000));
            Assert.InRange(perOctave, slopeDb - 1, slopeDb + 1);
        }
    }
}

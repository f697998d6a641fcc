namespace TinyMl.Host.Tests;

// The managed anomaly baseline over the engine: calibration, scores, flags, and keeping a baseline through Save and
// Restore (corrupt bytes refused, the baseline untouched).
public class AnomalyBaselineTests
{
    [Fact]
    public void CalibratesThenFlagsShiftedWindows()
    {
        var random = new Random(1);
        using var baseline = new AnomalyBaseline(4, 200);
        Assert.Equal(AnomalyPhase.Calibrating, baseline.Phase);
        Assert.Equal(100, baseline.WarmupWindows);
        for (int w = 0; w < 200; w++)
        {
            AnomalyResult r = baseline.Feed(Normal(random, shift: 0));
            Assert.Equal(w >= 100, r.Scored);
            Assert.False(r.Anomalous);
            Assert.Equal(w == 199 ? AnomalyPhase.Ready : AnomalyPhase.Calibrating, r.Phase);
        }

        Assert.Equal(AnomalyPhase.Ready, baseline.Phase);
        Assert.True(baseline.Threshold > 1f);
        float[] means = baseline.Means, variances = baseline.Variances;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(i, means[i], 0.3);
            Assert.Equal(1.0, variances[i], 0.3);
        }

        AnomalyResult shifted = baseline.Feed(Normal(random, shift: 6));
        Assert.True(shifted.Anomalous);
        Assert.True(shifted.Score > baseline.Threshold);
        Assert.False(baseline.Feed(baseline.Means).Anomalous);
        Assert.Equal(202, baseline.Windows);
        Assert.Equal(1, baseline.Anomalies);
    }

    [Fact]
    public void SaveAndRestoreKeepTheBaseline()
    {
        var random = new Random(2);
        using var original = new AnomalyBaseline(4, 50, 20, 0.95f, 2f);
        for (int w = 0; w < 60; w++)
        {
            original.Feed(Normal(random, shift: 0));
        }

        byte[] saved = original.Save();
        using var restored = new AnomalyBaseline(4, 10);
        restored.Restore(saved);
        Assert.Equal(AnomalyPhase.Ready, restored.Phase);
        Assert.Equal(original.Threshold, restored.Threshold);
        Assert.Equal(0.95f, restored.Quantile);
        Assert.Equal(2f, restored.Margin);
        Assert.Equal(original.Means, restored.Means);
        float[] probe = Normal(random, shift: 1);
        Assert.Equal(original.Score(probe), restored.Score(probe));
        Assert.Equal(saved, restored.Save());
    }

    [Fact]
    public void CorruptBytesAreRefusedAndTheBaselineStays()
    {
        var random = new Random(3);
        using var baseline = new AnomalyBaseline(4, 30);
        for (int w = 0; w < 30; w++)
        {
            baseline.Feed(Normal(random, shift: 0));
        }

        byte[] good = baseline.Save();
        float threshold = baseline.Threshold;
        float[] means = baseline.Means;

        byte[] flipped = (byte[])good.Clone();
        flipped[40] ^= 1;
        Assert.Contains("CRC", Assert.Throws<TinyMlException>(() => baseline.Restore(flipped)).Message);
        Assert.Contains("bytes", Assert.Throws<TinyMlException>(() => baseline.Restore(good[..^1])).Message);
        byte[] version = (byte[])good.Clone();
        version[4] = 9;
        Assert.Equal(TinyMlStatus.Unsupported, Assert.Throws<TinyMlException>(() => baseline.Restore(version)).Status);
        using var wider = new AnomalyBaseline(5, 30);
        Assert.Contains("5 are expected", Assert.Throws<TinyMlException>(() => wider.Restore(good)).Message);

        Assert.Equal(threshold, baseline.Threshold);
        Assert.Equal(means, baseline.Means);
        Assert.Equal(good, baseline.Save());
    }

    [Fact]
    public void RecalibrateStartsOver()
    {
        var random = new Random(4);
        using var baseline = new AnomalyBaseline(2, 10);
        for (int w = 0; w < 12; w++)
        {
            baseline.Feed(Normal(random, shift: 0)[..2]);
        }

        baseline.Recalibrate();
        Assert.Equal(AnomalyPhase.Calibrating, baseline.Phase);
        Assert.Equal(0, baseline.Windows);
        Assert.Equal(0f, baseline.Threshold);
        Assert.Equal(10, baseline.CalibrationWindows);
        Assert.Throws<TinyMlException>(() => baseline.Score(new float[2]));
    }

    [Fact]
    public void BadSettingsAndWindowsThrow()
    {
        Assert.Contains("feature count 0", Assert.Throws<TinyMlException>(() => new AnomalyBaseline(0, 10)).Message);
        Assert.Contains("quantile", Assert.Throws<TinyMlException>(() => new AnomalyBaseline(2, 10, 5, 0f, 1.5f)).Message);
        using var baseline = new AnomalyBaseline(2, 10);
        Assert.Throws<ArgumentException>(() => baseline.Feed(new float[3]));
        var error = Assert.Throws<TinyMlException>(() => baseline.Feed(new[] { 1f, float.NaN }));
        Assert.Contains("feature 1", error.Message);
        Assert.Equal(0, baseline.Windows);
    }

    [Fact]
    public void DisposedBaselineThrowsObjectDisposed()
    {
        var baseline = new AnomalyBaseline(2, 10);
        baseline.Dispose();
        baseline.Dispose();
        Assert.Throws<ObjectDisposedException>(() => baseline.Feed(new float[2]));
        Assert.Throws<ObjectDisposedException>(() => baseline.Save());
    }

    // Feature i ~ N(i + shift, 1).
    private static float[] Normal(Random random, double shift)
    {
        float[] x = new float[4];
        for (int i = 0; i < x.Length; i++)
        {
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            x[i] = (float)(i + shift + Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }

        return x;
    }
}

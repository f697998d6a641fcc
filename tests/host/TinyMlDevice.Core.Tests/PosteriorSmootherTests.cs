namespace TinyMlDevice.Core.Tests;

// Scores as a softmax output is quantized: probability = (q + 128) / 256.
public class PosteriorSmootherTests
{
    private const float Scale = 1f / 256;
    private const int ZeroPoint = -128;

    private static sbyte Q(double probability) => (sbyte)Math.Min(127, Math.Round(probability * 256 - 128));

    // labels: 0 silence (ignored), 1 yes, 2 no
    private static PosteriorSmoother Smoother(int window = 4, float threshold = 0.7f, int refractoryMs = 1000) =>
        new(3, window, new[] { true, false, false }, Scale, ZeroPoint, threshold, refractoryMs);

    private static sbyte[] Scores(double silence, double yes, double no) => new[] { Q(silence), Q(yes), Q(no) };

    [Fact]
    public void AveragesOverTheWindowCountingMissingInferencesAsZero()
    {
        PosteriorSmoother s = Smoother();
        s.Update(Scores(0, 1, 0), 0);
        Assert.Equal(0.25, s.Smoothed(1), 0.004); // 127 of 1/256 steps: 1 is not representable
        s.Update(Scores(0, 0.5, 0.5), 20);
        Assert.Equal((1 + 0.5) / 4, s.Smoothed(1), 0.004);
    }

    [Fact]
    public void FiresWhenTheBestLabelReachesTheThreshold()
    {
        PosteriorSmoother s = Smoother(window: 4, threshold: 0.7f);
        int[] fired = Enumerable.Range(0, 4).Select(i => s.Update(Scores(0, 0.9, 0.1), i * 20)).ToArray();
        Assert.Equal(new[] { -1, -1, -1, 1 }, fired); // 0.9 · 3/4 = 0.675 < 0.7 ≤ 0.9
        Assert.Equal(0.9, s.Confidence, 2);
    }

    [Fact]
    public void OldScoresLeaveTheWindow()
    {
        PosteriorSmoother s = Smoother(window: 2);
        s.Update(Scores(0, 1, 0), 0);
        s.Update(Scores(0, 1, 0), 20);
        s.Update(Scores(1, 0, 0), 40);
        s.Update(Scores(1, 0, 0), 60);
        Assert.Equal(0, s.Smoothed(1), 3);
        Assert.Equal(1, s.Smoothed(0), 2);
    }

    [Fact]
    public void IgnoredLabelsNeverFire()
    {
        PosteriorSmoother s = Smoother(window: 1);
        Assert.Equal(-1, s.Update(Scores(1, 0, 0), 0));
        Assert.Equal(0, s.Best);
    }

    [Fact]
    public void AnIgnoredBestLabelHidesAWeakerKeyword()
    {
        PosteriorSmoother s = new(3, 1, new[] { true, false, false }, Scale, ZeroPoint, 0.3f, 0);
        Assert.Equal(-1, s.Update(Scores(0.6, 0.4, 0), 0));
    }

    [Fact]
    public void TheRefractoryPeriodSuppressesEveryLabel()
    {
        PosteriorSmoother s = Smoother(window: 1, refractoryMs: 1000);
        Assert.Equal(1, s.Update(Scores(0, 1, 0), 0));
        Assert.Equal(-1, s.Update(Scores(0, 1, 0), 500));
        Assert.Equal(-1, s.Update(Scores(0, 0, 1), 999));
        Assert.Equal(2, s.Update(Scores(0, 0, 1), 1000));
    }

    [Fact]
    public void ResetForgetsScoresButNotTheRefractoryPeriod()
    {
        PosteriorSmoother s = Smoother(window: 1, refractoryMs: 1000);
        Assert.Equal(1, s.Update(Scores(0, 1, 0), 0));
        s.Reset();
        Assert.Equal(0, s.Smoothed(1));
        Assert.Equal(-1, s.Update(Scores(0, 1, 0), 100));
    }

    [Fact]
    public void RefusesInconsistentArguments()
    {
        Assert.Throws<ArgumentException>(() => new PosteriorSmoother(3, 4, new bool[2], Scale, ZeroPoint, 0.5f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PosteriorSmoother(3, 0, new bool[3], Scale, ZeroPoint, 0.5f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PosteriorSmoother(3, 4, new bool[3], 0, ZeroPoint, 0.5f, 0));
    }
}

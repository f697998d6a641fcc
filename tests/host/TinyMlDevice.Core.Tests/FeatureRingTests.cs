namespace TinyMlDevice.Core.Tests;

public class FeatureRingTests
{
    private static sbyte[] Frames(params int[] firstValues) =>
        firstValues.SelectMany(v => new[] { (sbyte)v, (sbyte)(v + 1) }).ToArray(); // 2 features per frame

    [Fact]
    public void IsFullOnlyOnceEveryRowHoldsAFrame()
    {
        var ring = new FeatureRing(3, 2);
        ring.Push(Frames(1, 3), 0, 2);
        Assert.False(ring.Full);
        ring.Push(Frames(5), 0, 1);
        Assert.True(ring.Full);
        Assert.Equal(Frames(1, 3, 5), ring.Window);
    }

    [Fact]
    public void SlidesOldestFirst()
    {
        var ring = new FeatureRing(3, 2);
        ring.Push(Frames(1, 3, 5), 0, 3);
        ring.Push(Frames(7, 9), 0, 2);
        Assert.Equal(Frames(5, 7, 9), ring.Window);
        Assert.Equal(5, ring.FramesSinceReset);
    }

    [Fact]
    public void MoreFramesThanRowsKeepsTheNewest()
    {
        var ring = new FeatureRing(2, 2);
        ring.Push(Frames(1, 3, 5, 7), 0, 4);
        Assert.Equal(Frames(5, 7), ring.Window);
        Assert.Equal(4, ring.FramesSinceReset);
    }

    [Fact]
    public void PushesFromAnOffset()
    {
        var ring = new FeatureRing(2, 2);
        ring.Push(Frames(1, 3, 5), 2, 2);
        Assert.Equal(Frames(3, 5), ring.Window);
    }

    [Fact]
    public void ResetEmptiesIt()
    {
        var ring = new FeatureRing(2, 2);
        ring.Push(Frames(1, 3), 0, 2);
        ring.Reset();
        Assert.False(ring.Full);
        Assert.All(ring.Window, v => Assert.Equal(0, v));
    }
}

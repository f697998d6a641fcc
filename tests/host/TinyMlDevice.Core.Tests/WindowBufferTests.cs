namespace TinyMlDevice.Core.Tests;

public class WindowBufferTests
{
    // sample n of a 2-axis stream: (n, -n)
    private static short[] Stream(int from, int count) =>
        Enumerable.Range(from, count).SelectMany(n => new[] { (short)n, (short)-n }).ToArray();

    [Theory]
    [InlineData(8, 4, 100)]
    [InlineData(8, 8, 100)]
    [InlineData(8, 1, 50)]
    [InlineData(16, 6, 203)]
    public void WindowsStartOneHopApartAndHoldConsecutiveSamples(int window, int hop, int total)
    {
        var buffer = new WindowBuffer(window, hop, 2);
        short[] samples = Stream(0, total);
        int fed = 0, taken = 0;
        var rnd = new Random(window * 1000 + hop);
        while (fed < total || buffer.WindowReady)
        {
            if (buffer.WindowReady)
            {
                long start = buffer.NextWindowStart;
                Assert.Equal(taken * (long)hop, start);
                Assert.Equal(Stream((int)start, window), buffer.TakeWindow());
                taken++;
                continue;
            }

            int chunk = Math.Min(rnd.Next(1, 2 * window), total - fed);
            fed += buffer.Append(samples, fed * 2, chunk);
        }

        Assert.Equal(total < window ? 0 : (total - window) / hop + 1, taken); // every window that fits, none more
        Assert.Equal(total, buffer.SamplesReceived);
    }

    [Fact]
    public void AppendTakesOnlyWhatFits()
    {
        var buffer = new WindowBuffer(4, 2, 1);
        Assert.Equal(8, buffer.FreeSamples);
        Assert.Equal(8, buffer.Append(new short[20], 0, 20));
        Assert.Equal(0, buffer.FreeSamples);
        buffer.TakeWindow();
        Assert.Equal(2, buffer.FreeSamples);
    }

    [Fact]
    public void FillReadsTheImuStraightIntoTheBuffer()
    {
        var clock = new Fakes.FakeClock { Milliseconds = 10 };
        var imu = new Fakes.ScriptedMotion(clock, 1000, 3, 4, (n, axis) => (short)(n * 10 + axis));
        var buffer = new WindowBuffer(8, 4, 3);
        Assert.Equal(10, buffer.Fill(imu, 100)); // 10 ms at 1 kHz
        Assert.Equal(new short[] { 0, 1, 2, 10, 11, 12 }, buffer.TakeWindow().Take(6));
    }

    [Fact]
    public void ResetStartsTheCountsOver()
    {
        var buffer = new WindowBuffer(4, 2, 1);
        buffer.Append(new short[6], 0, 6);
        buffer.TakeWindow();
        buffer.Reset();
        Assert.False(buffer.WindowReady);
        Assert.Equal(0, buffer.NextWindowStart);
        Assert.Equal(0, buffer.BufferedSamples);
    }

    [Fact]
    public void TakingWithoutAWindowIsAnError() =>
        Assert.Throws<InvalidOperationException>(() => new WindowBuffer(4, 2, 1).TakeWindow());

    [Fact]
    public void RefusesAHopLongerThanTheWindow() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowBuffer(4, 5, 1));
}

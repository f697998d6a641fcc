namespace TinyMlDevice.Core.Tests;

public class RetryBackoffTests
{
    [Fact]
    public void DoublesUpToTheMaximum()
    {
        var backoff = new RetryBackoff(1000, 5000);
        Assert.Equal(new[] { 1000, 2000, 4000, 5000, 5000 }, Enumerable.Range(0, 5).Select(_ => backoff.Failed(0)));
        Assert.Equal(5, backoff.Failures);
    }

    [Fact]
    public void IsDueAtTheRetryTime()
    {
        var backoff = new RetryBackoff(1000, 5000);
        Assert.True(backoff.Due(0));
        backoff.Failed(100);
        Assert.False(backoff.Due(1099));
        Assert.True(backoff.Due(1100));
    }

    [Fact]
    public void ASuccessResetsIt()
    {
        var backoff = new RetryBackoff(1000, 5000);
        backoff.Failed(0);
        backoff.Failed(0);
        backoff.Succeeded();
        Assert.False(backoff.Failing);
        Assert.Equal(1000, backoff.Failed(0));
    }

    [Fact]
    public void ManyFailuresDoNotOverflow()
    {
        var backoff = new RetryBackoff(1000, 60000);
        for (int i = 0; i < 100; i++)
        {
            Assert.InRange(backoff.Failed(0), 1000, 60000);
        }
    }
}

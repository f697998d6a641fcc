using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/RetryBackoffTests.cs.
    [TestClass]
    public class RetryBackoffTests
    {
        [TestMethod]
        public void DoublesUpToTheMaximum()
        {
            RetryBackoff backoff = new RetryBackoff(1000, 5000);
            Assert.AreEqual(1000, backoff.Failed(0));
            Assert.AreEqual(2000, backoff.Failed(0));
            Assert.AreEqual(4000, backoff.Failed(0));
            Assert.AreEqual(5000, backoff.Failed(0));
            Assert.AreEqual(5000, backoff.Failed(0));
        }

        [TestMethod]
        public void IsDueAtTheRetryTimeAndResetByASuccess()
        {
            RetryBackoff backoff = new RetryBackoff(1000, 5000);
            backoff.Failed(100);
            Assert.IsFalse(backoff.Due(1099));
            Assert.IsTrue(backoff.Due(1100));
            backoff.Succeeded();
            Assert.IsFalse(backoff.Failing);
            Assert.AreEqual(1000, backoff.Failed(0));
        }
    }
}

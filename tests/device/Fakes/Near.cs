using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    /// <summary>Float comparison with a tolerance (the test framework has no delta overload).</summary>
    internal static class Near
    {
        public static void Equal(double expected, double actual, double tolerance, string what)
        {
            double difference = expected > actual ? expected - actual : actual - expected;
            Assert.IsTrue(difference <= tolerance, what + ": expected " + expected + " +- " + tolerance + ", got " + actual);
        }
    }
}

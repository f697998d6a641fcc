using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/FeatureRingTests.cs (two features per frame).
    [TestClass]
    public class FeatureRingTests
    {
        private static sbyte[] Frames(int first, int count)
        {
            sbyte[] values = new sbyte[2 * count];
            for (int i = 0; i < count; i++)
            {
                values[2 * i] = (sbyte)(first + 2 * i);
                values[2 * i + 1] = (sbyte)(first + 2 * i + 1);
            }

            return values;
        }

        private static void Holds(FeatureRing ring, int first)
        {
            for (int i = 0; i < ring.Window.Length; i++)
            {
                Assert.AreEqual((sbyte)(first + i), ring.Window[i], "value " + i);
            }
        }

        [TestMethod]
        public void IsFullOnlyOnceEveryRowHoldsAFrame()
        {
            FeatureRing ring = new FeatureRing(3, 2);
            ring.Push(Frames(1, 2), 0, 2);
            Assert.IsFalse(ring.Full);
            ring.Push(Frames(5, 1), 0, 1);
            Assert.IsTrue(ring.Full);
            Holds(ring, 1);
        }

        [TestMethod]
        public void SlidesOldestFirst()
        {
            FeatureRing ring = new FeatureRing(3, 2);
            ring.Push(Frames(1, 3), 0, 3);
            ring.Push(Frames(7, 2), 0, 2);
            Holds(ring, 5);
            Assert.AreEqual(5L, ring.FramesSinceReset);
        }

        [TestMethod]
        public void MoreFramesThanRowsKeepsTheNewest()
        {
            FeatureRing ring = new FeatureRing(2, 2);
            ring.Push(Frames(1, 4), 0, 4);
            Holds(ring, 5);
        }

        [TestMethod]
        public void ResetEmptiesIt()
        {
            FeatureRing ring = new FeatureRing(2, 2);
            ring.Push(Frames(1, 2), 0, 2);
            ring.Reset();
            Assert.IsFalse(ring.Full);
            Assert.AreEqual((sbyte)0, ring.Window[3]);
        }
    }
}

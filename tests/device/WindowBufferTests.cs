using System;
using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/WindowBufferTests.cs: sample n of a 2-axis stream is (n, -n).
    [TestClass]
    public class WindowBufferTests
    {
        private static short[] Stream(int from, int count)
        {
            short[] values = new short[2 * count];
            for (int i = 0; i < count; i++)
            {
                values[2 * i] = (short)(from + i);
                values[2 * i + 1] = (short)-(from + i);
            }

            return values;
        }

        private static void Bookkeeping(int window, int hop, int total, int chunk)
        {
            WindowBuffer buffer = new WindowBuffer(window, hop, 2);
            short[] samples = Stream(0, total);
            int fed = 0;
            int taken = 0;
            while (fed < total || buffer.WindowReady)
            {
                if (buffer.WindowReady)
                {
                    long start = buffer.NextWindowStart;
                    Assert.AreEqual((long)taken * hop, start);
                    short[] w = buffer.TakeWindow();
                    Assert.AreEqual((short)start, w[0]);
                    Assert.AreEqual((short)(start + window - 1), w[2 * window - 2]);
                    Assert.AreEqual((short)-(start + window - 1), w[2 * window - 1]);
                    taken++;
                    continue;
                }

                int n = total - fed < chunk ? total - fed : chunk;
                fed += buffer.Append(samples, fed * 2, n);
            }

            Assert.AreEqual(total < window ? 0 : (total - window) / hop + 1, taken);
            Assert.AreEqual((long)total, buffer.SamplesReceived);
        }

        [TestMethod]
        public void WindowsStartOneHopApartAndHoldConsecutiveSamples()
        {
            Bookkeeping(8, 4, 100, 5);
            Bookkeeping(8, 8, 100, 13);
            Bookkeeping(8, 1, 50, 3);
            Bookkeeping(16, 6, 203, 40);
        }

        [TestMethod]
        public void AppendTakesOnlyWhatFits()
        {
            WindowBuffer buffer = new WindowBuffer(4, 2, 1);
            Assert.AreEqual(8, buffer.FreeSamples);
            Assert.AreEqual(8, buffer.Append(new short[20], 0, 20));
            buffer.TakeWindow();
            Assert.AreEqual(2, buffer.FreeSamples);
        }

        [TestMethod]
        public void TakingWithoutAWindowIsAnError()
        {
            Assert.ThrowsException(typeof(InvalidOperationException), () => new WindowBuffer(4, 2, 1).TakeWindow());
        }
    }
}

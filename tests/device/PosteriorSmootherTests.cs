using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/PosteriorSmootherTests.cs. Scores as a softmax output is quantized:
    // probability = (q + 128) / 256; labels 0 silence (ignored), 1 yes, 2 no.
    [TestClass]
    public class PosteriorSmootherTests
    {
        private const float Scale = 1f / 256;

        private static PosteriorSmoother Smoother(int window, float threshold, int refractoryMs) =>
            new PosteriorSmoother(3, window, new bool[] { true, false, false }, Scale, -128, threshold, refractoryMs);

        // in 1/256 steps: 0 → -128, 256 (certain) → 127
        private static sbyte[] Scores(int silence, int yes, int no) =>
            new sbyte[] { Q(silence), Q(yes), Q(no) };

        private static sbyte Q(int of256) => (sbyte)(of256 >= 256 ? 127 : of256 - 128);

        [TestMethod]
        public void AveragesOverTheWindowCountingMissingInferencesAsZero()
        {
            PosteriorSmoother s = Smoother(4, 0.7f, 1000);
            s.Update(Scores(0, 128, 128), 0);
            Near.Equal(0.125, s.Smoothed(1), 0.001, "one of four inferences at 0.5");
            s.Update(Scores(0, 64, 192), 20);
            Near.Equal((0.5 + 0.25) / 4, s.Smoothed(1), 0.001, "two of four");
        }

        [TestMethod]
        public void FiresWhenTheBestLabelReachesTheThreshold()
        {
            PosteriorSmoother s = Smoother(4, 0.7f, 1000);
            Assert.AreEqual(-1, s.Update(Scores(0, 230, 26), 0));
            Assert.AreEqual(-1, s.Update(Scores(0, 230, 26), 20));
            Assert.AreEqual(-1, s.Update(Scores(0, 230, 26), 40)); // 0.9 · 3/4 < 0.7
            Assert.AreEqual(1, s.Update(Scores(0, 230, 26), 60));
            Near.Equal(230 / 256.0, s.Confidence, 0.001, "confidence");
        }

        [TestMethod]
        public void IgnoredLabelsNeverFire()
        {
            PosteriorSmoother s = Smoother(1, 0.7f, 0);
            Assert.AreEqual(-1, s.Update(Scores(256, 0, 0), 0));
            Assert.AreEqual(0, s.Best);
        }

        [TestMethod]
        public void TheRefractoryPeriodSuppressesEveryLabel()
        {
            PosteriorSmoother s = Smoother(1, 0.7f, 1000);
            Assert.AreEqual(1, s.Update(Scores(0, 256, 0), 0));
            Assert.AreEqual(-1, s.Update(Scores(0, 256, 0), 500));
            Assert.AreEqual(-1, s.Update(Scores(0, 0, 256), 999));
            Assert.AreEqual(2, s.Update(Scores(0, 0, 256), 1000));
        }

        [TestMethod]
        public void ResetForgetsScoresButNotTheRefractoryPeriod()
        {
            PosteriorSmoother s = Smoother(1, 0.7f, 1000);
            Assert.AreEqual(1, s.Update(Scores(0, 256, 0), 0));
            s.Reset();
            Assert.AreEqual(0f, s.Smoothed(1));
            Assert.AreEqual(-1, s.Update(Scores(0, 256, 0), 100));
        }
    }
}

using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/VibrationPipelineTests.cs on the device's engine, smaller so the managed
    // signal generator stays quick: one axis at 1 kHz, 64-sample windows every 32 samples, 4 bands, learn-normal 1 s
    // (32 windows), alarm after 3 anomalous windows, cleared after 4 normal ones.
    [TestClass]
    public class VibrationPipelineTests
    {
        internal const string Setup = "[imu]\nodr_hz = 1000\n[vibration]\nwindow_samples = 64\noverlap = 0.5\n" +
            "learn_normal_s = 1\nalarm_on_windows = 3\nalarm_off_windows = 4\nsummary_interval_s = 1\nbands = 4\n";

        // the setup with another band count (its last line)
        private static string SetupWithBands(int bands) => Setup.Substring(0, Setup.Length - 2) + bands + "\n";

        private static VibrationPipeline Pipeline(TestStore store, string setup)
        {
            VibrationSettings settings = ConfigParser.Parse(setup).Vibration;
            return new VibrationPipeline(settings, 1000, 1, 4f, null, store);
        }

        // feeds the signal hop by hop until `windows` more windows were scored; returns the last report, or null
        private static AnomalyReport Feed(VibrationPipeline p, Signal signal, ref long sample, int windows)
        {
            AnomalyReport last = null;
            long target = p.WindowsProcessed + windows;
            while (p.WindowsProcessed < target)
            {
                int hop = p.Windows.Hop;
                p.Windows.Append(Signals.Take(signal, sample, hop, 1), 0, hop);
                sample += hop;
                while (p.HasWork)
                {
                    AnomalyReport report = p.Advance(2, sample);
                    if (report != null)
                    {
                        last = report;
                    }
                }
            }

            return last;
        }

        [TestMethod]
        public void LearnsNormalThenRaisesAndClearsTheAlarm()
        {
            VibrationPipeline p = Pipeline(new TestStore(), Setup);
            long sample = 0;
            Assert.AreEqual(32, p.CalibrationWindows);
            Assert.IsNull(Feed(p, Signals.Normal, ref sample, 32));
            Assert.IsTrue(p.Calibrated);
            Assert.IsNull(Feed(p, Signals.Normal, ref sample, 40));

            AnomalyReport raised = Feed(p, Signals.Faulty, ref sample, 4);
            Assert.IsNotNull(raised);
            Assert.AreEqual((int)AnomalyReportKind.AlarmRaised, (int)raised.Kind);
            Assert.AreEqual(3, raised.Windows);
            Assert.IsTrue(raised.Score > raised.Threshold);

            AnomalyReport cleared = Feed(p, Signals.Normal, ref sample, 8);
            Assert.IsNotNull(cleared);
            Assert.AreEqual((int)AnomalyReportKind.AlarmCleared, (int)cleared.Kind);
            Assert.AreEqual(4, cleared.Windows);
            p.Dispose();
        }

        [TestMethod]
        public void ACalibratedBaselineSurvivesARestartAndAnotherSetupDiscardsIt()
        {
            TestStore store = new TestStore();
            VibrationPipeline first = Pipeline(store, Setup);
            long sample = 0;
            Feed(first, Signals.Normal, ref sample, 32);
            float threshold = first.Threshold;
            first.Dispose();
            Assert.AreEqual(1, store.Count);

            VibrationPipeline second = Pipeline(store, Setup);
            Assert.IsTrue(second.BaselineRestored);
            Assert.IsTrue(second.Calibrated);
            Assert.AreEqual(threshold, second.Threshold);
            second.Dispose();

            VibrationPipeline other = Pipeline(store, SetupWithBands(2));
            Assert.IsFalse(other.Calibrated);
            Assert.AreEqual((int)FaultCode.BaselineDiscarded, (int)other.TakePendingFault(0).Code);
            other.Dispose();
        }

        [TestMethod]
        public void ACorruptedBaselineIsDiscarded()
        {
            TestStore store = new TestStore();
            VibrationPipeline first = Pipeline(store, Setup);
            long sample = 0;
            Feed(first, Signals.Normal, ref sample, 32);
            first.Dispose();
            store.Corrupt(VibrationPipeline.BaselineStateName, BaselineRecord.HeaderLength + 40);

            VibrationPipeline second = Pipeline(store, Setup);
            Assert.IsFalse(second.Calibrated);
            Assert.AreEqual((int)FaultCode.BaselineDiscarded, (int)second.PendingFault.Code);
            second.Dispose();
        }
    }
}

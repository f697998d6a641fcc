using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/DeviceAppTests.cs (the vibration side: the device tests embed no
    // keyword model) with fake ports in virtual time.
    [TestClass]
    public class DeviceAppTests
    {
        private const string Vibration = "[kws]\nenabled = false\n" + VibrationPipelineTests.Setup;

        private static void Run(DeviceApp app, TestClock clock, int ms)
        {
            for (int t = 0; t < ms; t += 10)
            {
                clock.Advance(10);
                while (app.Step())
                {
                }
            }
        }

        [TestMethod]
        public void AnInvalidConfigurationIsRefusedAndTheLastGoodOneStays()
        {
            TestClock clock = new TestClock();
            TestSink sink = new TestSink();
            DeviceApp app = new DeviceApp(null, new TestImu(clock, 1000, 1, Signals.Normal), sink, clock, new TestStore(), new NoModels());
            Assert.AreEqual((int)ConfigApplyResult.Applied, (int)app.ApplyConfig(Vibration));
            DeviceConfig good = app.Config;
            Assert.AreEqual((int)ConfigApplyResult.Rejected, (int)app.ApplyConfig("[kws]\nthreshold = 2"));
            Assert.IsTrue(ReferenceEquals(good, app.Config));
            FaultReport fault = sink.Faults()[0];
            Assert.AreEqual((int)FaultCode.ConfigRejected, (int)fault.Code);
            Assert.AreEqual("line 2 [kws] threshold: 2 is outside 0.01..1", fault.Reason);
            app.Dispose();
        }

        [TestMethod]
        public void AtBootAPipelineThatCannotStartStaysOff()
        {
            TestClock clock = new TestClock();
            TestSink sink = new TestSink();
            DeviceApp app = new DeviceApp(null, new TestImu(clock, 1000, 1, Signals.Normal), sink, clock, new TestStore(), new NoModels());
            Assert.AreEqual((int)ConfigApplyResult.Degraded, (int)app.ApplyConfig(VibrationPipelineTests.Setup));
            StatusReport s = app.Status();
            Assert.IsTrue(s.KwsEnabled);
            Assert.IsFalse(s.KwsRunning);
            Assert.IsTrue(s.VibrationRunning);
            Assert.AreEqual("no microphone on this board", sink.Faults()[0].Reason);
            app.Dispose();
        }

        [TestMethod]
        public void LearnsNormalThenRaisesAnAlarm()
        {
            TestClock clock = new TestClock();
            TestSink sink = new TestSink();
            TestImu imu = new TestImu(clock, 1000, 1, Signals.Normal);
            DeviceApp app = new DeviceApp(null, imu, sink, clock, new TestStore(), new NoModels());
            app.ApplyConfig(Vibration);
            Run(app, clock, 2000);
            Assert.IsTrue(app.Status().Calibrated);
            imu.Signal = Signals.Faulty;
            Run(app, clock, 300);
            Assert.IsTrue(app.Status().AlarmActive);
            bool raised = false;
            AnomalyReport[] reports = sink.Anomalies();
            for (int i = 0; i < reports.Length; i++)
            {
                raised |= reports[i].Kind == AnomalyReportKind.AlarmRaised;
            }

            Assert.IsTrue(raised);
            app.Dispose();
        }

        [TestMethod]
        public void AnImuFaultIsRetriedWithBackoffAndRecovers()
        {
            TestClock clock = new TestClock();
            TestSink sink = new TestSink();
            TestImu imu = new TestImu(clock, 1000, 1, Signals.Normal);
            imu.FailFromMs = 500;
            imu.FailUntilMs = 2000;
            DeviceApp app = new DeviceApp(null, imu, sink, clock, new TestStore(), new NoModels());
            app.ApplyConfig(Vibration);
            Run(app, clock, 4000);
            FaultReport[] faults = sink.Faults();
            Assert.AreEqual(3, faults.Length);
            Assert.AreEqual((int)FaultCode.SensorFailed, (int)faults[0].Code);
            Assert.AreEqual(1000, faults[0].RetryInMs);
            Assert.AreEqual(2000, faults[1].RetryInMs);
            Assert.AreEqual((int)FaultCode.SensorRecovered, (int)faults[2].Code);
            Assert.AreEqual("imu: I2C address not acknowledged", faults[0].Reason);
            app.Dispose();
        }

        [TestMethod]
        public void StatusIsSentPeriodically()
        {
            TestClock clock = new TestClock();
            TestSink sink = new TestSink();
            DeviceApp app = new DeviceApp(null, new TestImu(clock, 1000, 1, Signals.Zero), sink, clock, new TestStore(), new NoModels());
            app.ApplyConfig(Vibration + "[ble]\nstatus_interval_s = 2\n");
            Run(app, clock, 5000);
            byte[][] statuses = sink.On(ReportChannel.Status);
            Assert.AreEqual(2, statuses.Length);
            Assert.AreEqual(4u, ReportCodec.DecodeStatus(statuses[1]).UptimeS);
            app.Dispose();
        }
    }
}

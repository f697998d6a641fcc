using TinyMlDevice.Core.Tests.Fakes;

namespace TinyMlDevice.Core.Tests;

// DeviceApp with fake ports: configuration handling, the vibration path, faults, status, and never crashing.
public class DeviceAppTests
{
    private static readonly string Vibration = Configs.Join(Configs.NoKws, Configs.SmallVibration);

    private static (Harness H, ScriptedMotion Imu) VibrationHarness(MemoryStateStore? store = null, float fullScaleG = Signals.FullScaleG)
    {
        var clock = new FakeClock();
        var imu = new ScriptedMotion(clock, 1000, 3, fullScaleG, Signals.Normal);
        return (new Harness(null, imu, clock, store), imu);
    }

    [Fact]
    public void StepsDoNothingBeforeAConfiguration()
    {
        using var h = new Harness();
        Assert.False(h.App.Step());
        Assert.Null(h.App.Config);
        Assert.Empty(h.Sink.Published);
    }

    [Fact]
    public void AnInvalidConfigurationIsRefusedAndTheLastGoodOneStays()
    {
        var (h, _) = VibrationHarness();
        using (h)
        {
            Assert.Equal(ConfigApplyResult.Applied, h.App.ApplyConfig(Vibration));
            DeviceConfig good = h.App.Config;
            VibrationPipeline running = h.App.Vibration!;

            Assert.Equal(ConfigApplyResult.Rejected, h.App.ApplyConfig("[kws]\nthreshold = 2\n[vibration]\nwindow_samples = 100"));
            Assert.Same(good, h.App.Config);
            Assert.Same(running, h.App.Vibration);
            FaultReport fault = Assert.Single(h.Sink.Faults);
            Assert.Equal(FaultCode.ConfigRejected, fault.Code);
            Assert.Equal(FaultSource.Config, fault.Source);
            Assert.Equal("line 2 [kws] threshold: 2 is outside 0.01..1", fault.Reason); // the first error
        }
    }

    [Fact]
    public void AConfigurationWhoseModelIsMissingIsRefusedWhileAGoodOneRuns()
    {
        var (h, _) = VibrationHarness();
        using (h)
        {
            h.App.ApplyConfig(Vibration);
            VibrationPipeline running = h.App.Vibration!;
            Assert.Equal(ConfigApplyResult.Rejected,
                h.App.ApplyConfig(Vibration.Replace("model =\n", "model = models/vibration/ae.tflite\n")));
            Assert.Same(running, h.App.Vibration);
            Assert.Equal("", h.App.Config.Vibration.Model);
            FaultReport fault = Assert.Single(h.Sink.Faults);
            Assert.Equal(FaultCode.ModelRejected, fault.Code);
            Assert.Equal(FaultSource.Vibration, fault.Source);
            Assert.Equal("models/vibration/ae.tflite: no such model file", fault.Reason);
        }
    }

    [Fact]
    public void AtBootAPipelineThatCannotStartStaysOffAndTheRestRuns()
    {
        var (h, _) = VibrationHarness();
        using (h)
        {
            // KWS enabled, but no microphone and no model
            Assert.Equal(ConfigApplyResult.Degraded, h.App.ApplyConfig(Configs.SmallVibration));
            Assert.Null(h.App.Kws);
            Assert.NotNull(h.App.Vibration);
            StatusReport s = h.App.Status();
            Assert.True(s.KwsEnabled && !s.KwsRunning && s.VibrationEnabled && s.VibrationRunning);
            FaultReport fault = Assert.Single(h.Sink.Faults);
            Assert.Equal((FaultCode.ModelRejected, FaultSource.Kws), (fault.Code, fault.Source));
            Assert.Equal("no microphone on this board", fault.Reason);
            h.Run(1000); // and it runs
        }
    }

    [Fact]
    public void ARefusedKeywordModelIsReportedWithTheReason()
    {
        var clock = new FakeClock();
        using var h = new Harness(new ScriptedAudio(clock, new short[0]), null, clock);
        h.Models.Files["models/kws/kws.tflite"] = TinyTflite.Requantize(12, 0.1f, 0.1f); // loads, but is no keyword model
        Assert.Equal(ConfigApplyResult.Degraded, h.App.ApplyConfig(Configs.NoVibration));
        Assert.StartsWith("models/kws/kws.tflite: the keyword model must", Assert.Single(h.Sink.Faults).Reason);
        Assert.Equal(FaultCode.ModelRejected, h.App.Status().LastFault);
    }

    [Fact]
    public void LearnsNormalThenRaisesAnAlarmAndSendsSummaries()
    {
        var (h, imu) = VibrationHarness();
        using (h)
        {
            h.App.ApplyConfig(Vibration);
            h.Run(8000);
            Assert.True(h.App.Status().Calibrated);
            Assert.DoesNotContain(h.Sink.Anomalies, a => a.Kind != AnomalyReportKind.Summary);

            imu.Signal = Signals.Faulty;
            h.Run(2000);
            AnomalyReport raised = Assert.Single(h.Sink.Anomalies, a => a.Kind == AnomalyReportKind.AlarmRaised);
            Assert.InRange(raised.TimestampMs, 8000u, 8700u); // 3 windows of 128 ms, plus the overlap
            Assert.True(h.App.Status().AlarmActive);
            Assert.Equal(1, h.App.Status().AlarmsRaised);

            List<AnomalyReport> summaries = h.Sink.Anomalies.Where(a => a.Kind == AnomalyReportKind.Summary).ToList();
            Assert.Equal(5, summaries.Count); // every 2 s
            Assert.True(summaries[0].CalibrationPercent < 100);
            Assert.Equal(100, summaries[^1].CalibrationPercent);
            Assert.Equal(Enumerable.Range(0, h.Sink.Anomalies.Count).Select(i => (ushort)i), h.Sink.Anomalies.Select(a => a.Sequence));
        }
    }

    [Fact]
    public void ACalibratedDeviceKeepsItsBaselineAcrossAReboot()
    {
        var store = new MemoryStateStore();
        var (first, _) = VibrationHarness(store);
        using (first)
        {
            first.App.ApplyConfig(Vibration);
            first.Run(6000);
            Assert.True(first.App.Status().Calibrated);
        }

        var (second, imu) = VibrationHarness(store);
        using (second)
        {
            second.App.ApplyConfig(Vibration);
            Assert.True(second.App.Status().Calibrated);
            Assert.True(second.App.Vibration!.BaselineRestored);
            imu.Signal = Signals.Faulty;
            second.Run(1000);
            Assert.Single(second.Sink.Anomalies, a => a.Kind == AnomalyReportKind.AlarmRaised);
        }
    }

    [Fact]
    public void RecalibrateStartsTheLearnNormalPhaseAgain()
    {
        var store = new MemoryStateStore();
        var (h, _) = VibrationHarness(store);
        using (h)
        {
            h.App.ApplyConfig(Vibration);
            h.Run(6000);
            h.App.Recalibrate();
            Assert.False(h.App.Status().Calibrated);
            Assert.Empty(store.Blobs);
        }
    }

    [Fact]
    public void AnImuFaultIsRetriedWithBackoffAndTheWindowsRestart()
    {
        var (h, imu) = VibrationHarness();
        using (h)
        {
            imu.FailFromMs = 2000;
            imu.FailUntilMs = 2500;
            h.App.ApplyConfig(Vibration);
            h.Run(5000);
            List<FaultReport> faults = h.Sink.Faults;
            Assert.Equal(new[] { FaultCode.SensorFailed, FaultCode.SensorRecovered }, faults.Select(f => f.Code));
            Assert.Equal(FaultSource.Imu, faults[0].Source);
            Assert.Equal("imu: I2C address not acknowledged", faults[0].Reason);
            Assert.InRange(faults[1].TimestampMs, 3000u, 3020u); // retried 1 s after the first failure
            // no window spans the gap: the windows restarted at the failure with what the IMU buffered since
            Assert.Equal(3000, h.App.Vibration!.Windows.SamplesReceived);
        }
    }

    [Fact]
    public void AnEngineFailureRestartsThePipelineAfterABackoff()
    {
        var store = new MemoryStateStore();
        var (h, _) = VibrationHarness(store);
        using (h)
        {
            h.App.ApplyConfig(Vibration);
            h.Run(6000);
            h.App.Vibration!.Dispose(); // its native objects gone: the next window fails in the engine
            h.Run(500);
            FaultReport fault = Assert.Single(h.Sink.Faults);
            Assert.Equal((FaultCode.EngineFailed, FaultSource.Vibration, 1000), (fault.Code, fault.Source, fault.RetryInMs));
            Assert.False(h.App.Status().VibrationRunning);

            h.Run(1000);
            Assert.True(h.App.Status().VibrationRunning);
            Assert.True(h.App.Vibration!.BaselineRestored); // the calibration survived the restart too
        }
    }

    [Fact]
    public void ADriverBugIsReportedAndTheAppKeepsRunning()
    {
        var clock = new FakeClock();
        var imu = new ScriptedMotion(clock, 1000, 3, 4f, (n, a) => n > 500 ? throw new InvalidOperationException("driver bug") : (short)0);
        using var h = new Harness(null, imu, clock);
        h.App.ApplyConfig(Vibration);
        h.Run(1000);
        Assert.Contains(h.Sink.Faults, f => f.Code == FaultCode.Internal && f.Reason == "driver bug");
    }

    [Fact]
    public void StatusIsSentPeriodicallyAndOnRequest()
    {
        var (h, _) = VibrationHarness();
        using (h)
        {
            h.App.ApplyConfig(Configs.Join(Vibration, "[ble]\nstatus_interval_s = 2"));
            h.Run(5000);
            List<StatusReport> statuses = h.Sink.Statuses;
            Assert.Equal(new uint[] { 2, 4 }, statuses.Select(s => s.UptimeS));
            Assert.All(statuses, s => Assert.True(s.VibrationRunning && !s.KwsEnabled));

            h.App.PublishStatus();
            Assert.Equal(3, h.Sink.Statuses.Count);
            StatusReport read = ReportCodec.DecodeStatus(h.App.EncodeStatus());
            Assert.Equal(5u, read.UptimeS);
            Assert.Equal(0, read.Faults);
        }
    }

    [Fact]
    public void ALostLinkNeverStopsTheApp()
    {
        var (h, imu) = VibrationHarness();
        using (h)
        {
            h.Sink.ThrowOnPublish = true;
            h.App.ApplyConfig(Configs.Join(Vibration, "[ble]\nstatus_interval_s = 1"));
            h.Run(7000);
            imu.Signal = Signals.Faulty;
            h.Run(1000);
            Assert.True(h.App.Status().AlarmActive);
            Assert.Contains(h.Sink.Published, p => p.Channel == ReportChannel.AnomalyReport);
        }
    }

    [Fact]
    public void NoStepDoesMoreThanOneWindow()
    {
        var (h, _) = VibrationHarness();
        using (h)
        {
            h.App.ApplyConfig(Vibration);
            h.Clock.Advance(1000); // 1000 samples: 6 windows ready after two reads
            long before = 0;
            while (h.App.Step())
            {
                long now = h.App.Vibration!.WindowsProcessed;
                Assert.InRange(now - before, 0, 1);
                before = now;
            }

            Assert.Equal(6, h.App.Vibration!.WindowsProcessed);
        }
    }
}

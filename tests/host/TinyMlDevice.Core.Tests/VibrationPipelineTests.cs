using TinyMlDevice.Core.Tests.Fakes;

namespace TinyMlDevice.Core.Tests;

// The vibration pipeline on the real engine: 256-sample windows every 128 samples at 1 kHz, 8 bands, 3 axes; the
// learn-normal phase is 5 s = 40 windows; alarm after 3 anomalous windows, cleared after 4 normal ones.
public class VibrationPipelineTests
{
    // the small setup, with one line changed (e.g. "bands = 8" → "bands = 4")
    private static VibrationSettings Settings(string line = "", string replacement = "") =>
        ConfigParser.Parse(line.Length == 0 ? Configs.SmallVibration : Configs.SmallVibration.Replace(line, replacement)).Vibration;

    private sealed class Run(VibrationPipeline pipeline)
    {
        public long Sample;
        public long Now;
        public List<AnomalyReport> Reports { get; } = new();

        // feeds the signal hop by hop until `windows` more windows were scored
        public Run Feed(Func<long, int, short> signal, int windows)
        {
            long target = pipeline.WindowsProcessed + windows;
            while (pipeline.WindowsProcessed < target)
            {
                int hop = pipeline.Windows.Hop;
                Assert.Equal(hop, pipeline.Windows.Append(Signals.Take(signal, Sample, hop), 0, hop));
                Sample += hop;
                Now = Sample; // 1 kHz: one sample per ms
                while (pipeline.HasWork)
                {
                    AnomalyReport? report = pipeline.Advance(2, Now);
                    if (report != null)
                    {
                        Reports.Add(report);
                    }
                }
            }

            return this;
        }
    }

    private static VibrationPipeline Pipeline(MemoryStateStore store, string line = "", string replacement = "",
        byte[]? autoencoder = null) =>
        new(Settings(line, replacement), 1000, 3, Signals.FullScaleG, autoencoder, store);

    [Fact]
    public void LearnsNormalThenRaisesAndClearsTheAlarm()
    {
        using VibrationPipeline p = Pipeline(new MemoryStateStore());
        Assert.Equal(40, p.CalibrationWindows);
        var run = new Run(p).Feed(Signals.Normal, 20);
        Assert.False(p.Calibrated);
        Assert.Equal(50, p.CalibrationPercent);
        run.Feed(Signals.Normal, 20);
        Assert.True(p.Calibrated);
        Assert.Equal(100, p.CalibrationPercent);
        Assert.True(p.Threshold > 0);

        run.Feed(Signals.Normal, 100);
        Assert.Empty(run.Reports); // no false alarm on 100 normal windows

        run.Feed(Signals.Faulty, 5);
        AnomalyReport raised = Assert.Single(run.Reports);
        Assert.Equal(AnomalyReportKind.AlarmRaised, raised.Kind);
        Assert.True(raised.AlarmActive && raised.Calibrated);
        Assert.Equal(3, raised.Windows);
        Assert.True(raised.Score > raised.Threshold);
        Assert.Equal(1, p.AlarmsRaised);

        run.Feed(Signals.Normal, 8);
        Assert.Equal(2, run.Reports.Count);
        AnomalyReport cleared = run.Reports[1];
        Assert.Equal(AnomalyReportKind.AlarmCleared, cleared.Kind);
        Assert.False(cleared.AlarmActive);
        Assert.Equal(4, cleared.Windows);
    }

    [Fact]
    public void NoAlarmWhileLearning()
    {
        using VibrationPipeline p = Pipeline(new MemoryStateStore());
        var run = new Run(p).Feed(Signals.Normal, 10).Feed(Signals.Faulty, 20);
        Assert.Empty(run.Reports);
        Assert.False(p.Alarm.Active);
    }

    [Fact]
    public void SummariesCoverThePeriodSinceTheLastOne()
    {
        using VibrationPipeline p = Pipeline(new MemoryStateStore());
        var run = new Run(p).Feed(Signals.Normal, 10);
        AnomalyReport summary = p.Summary(run.Now)!;
        Assert.Equal(AnomalyReportKind.Summary, summary.Kind);
        Assert.False(summary.Calibrated);
        Assert.Equal(25, summary.CalibrationPercent);
        Assert.Equal(0, summary.Threshold);
        Assert.Null(p.Summary(run.Now)); // nothing scored since

        run.Feed(Signals.Normal, 30).Feed(Signals.Faulty, 2);
        summary = p.Summary(run.Now)!;
        Assert.True(summary.Calibrated);
        Assert.Equal(2, summary.Windows); // anomalous windows in the period
        Assert.True(summary.Score > summary.Threshold);
    }

    [Fact]
    public void ACalibratedBaselineSurvivesARestart()
    {
        var store = new MemoryStateStore();
        float threshold;
        using (VibrationPipeline first = Pipeline(store))
        {
            new Run(first).Feed(Signals.Normal, 40);
            threshold = first.Threshold;
            Assert.True(store.Blobs.ContainsKey(VibrationPipeline.BaselineStateName));
        }

        using VibrationPipeline second = Pipeline(store);
        Assert.True(second.BaselineRestored);
        Assert.True(second.Calibrated);
        Assert.Equal(threshold, second.Threshold);
        Assert.Null(second.PendingFault);
        var run = new Run(second).Feed(Signals.Faulty, 3);
        Assert.Equal(AnomalyReportKind.AlarmRaised, Assert.Single(run.Reports).Kind);
    }

    [Fact]
    public void ABaselineOfAnotherSetupIsDiscarded()
    {
        var store = new MemoryStateStore();
        using (VibrationPipeline first = Pipeline(store))
        {
            new Run(first).Feed(Signals.Normal, 40);
        }

        using VibrationPipeline second = Pipeline(store, "bands = 8", "bands = 4");
        Assert.False(second.Calibrated);
        FaultReport fault = second.TakePendingFault(5)!;
        Assert.Equal(FaultCode.BaselineDiscarded, fault.Code);
        Assert.Equal(5u, fault.TimestampMs);
        Assert.Contains("another setup", fault.Reason);
        Assert.Null(second.TakePendingFault(6));
    }

    [Fact]
    public void ACorruptedBaselineIsDiscardedWithTheEnginesReason()
    {
        var store = new MemoryStateStore();
        using (VibrationPipeline first = Pipeline(store))
        {
            new Run(first).Feed(Signals.Normal, 40);
        }

        store.Blobs[VibrationPipeline.BaselineStateName][BaselineRecord.HeaderLength + 40] ^= 0x55;
        using VibrationPipeline second = Pipeline(store);
        Assert.False(second.Calibrated);
        Assert.Equal(FaultCode.BaselineDiscarded, second.PendingFault!.Code);
        Assert.NotEmpty(second.PendingFault.Reason);
    }

    [Fact]
    public void AFailedSaveIsReportedAndTheBaselineStaysInUse()
    {
        var store = new MemoryStateStore { FailSaves = true };
        using VibrationPipeline p = Pipeline(store);
        new Run(p).Feed(Signals.Normal, 40);
        Assert.True(p.Calibrated);
        Assert.Equal(FaultCode.StorageFailed, p.PendingFault!.Code);
        Assert.Contains("flash write failed", p.PendingFault.Reason);
    }

    [Fact]
    public void RecalibrateForgetsTheBaselineHereAndInTheStore()
    {
        var store = new MemoryStateStore();
        using VibrationPipeline p = Pipeline(store);
        var run = new Run(p).Feed(Signals.Normal, 40).Feed(Signals.Faulty, 3);
        Assert.True(p.Alarm.Active);
        p.Recalibrate();
        Assert.False(p.Calibrated);
        Assert.False(p.Alarm.Active);
        Assert.Empty(store.Blobs);
        run.Feed(Signals.Faulty, 40); // learns the new normal
        Assert.True(p.Calibrated);
    }

    [Fact]
    public void AResetStreamStartsTheWindowsOverAndKeepsTheBaseline()
    {
        using VibrationPipeline p = Pipeline(new MemoryStateStore());
        var run = new Run(p).Feed(Signals.Normal, 40);
        p.Windows.Append(Signals.Take(Signals.Normal, 0, 100), 0, 100);
        p.ResetStream();
        Assert.Equal(0, p.Windows.BufferedSamples);
        Assert.True(p.Calibrated);
    }

    [Fact]
    public void TheAutoencodersErrorIsScoredWithTheFeatures()
    {
        const int features = 3 * (4 + 8);
        byte[] autoencoder = TinyTflite.Requantize(features, 0.05f, 0.2f);
        using VibrationPipeline p = Pipeline(new MemoryStateStore(), autoencoder: autoencoder);
        Assert.True(p.UsesAutoencoder);
        var run = new Run(p).Feed(Signals.Normal, 40);
        Assert.True(p.Calibrated);
        run.Feed(Signals.Normal, 30);
        Assert.Empty(run.Reports);
        run.Feed(Signals.Faulty, 4);
        AnomalyReport raised = Assert.Single(run.Reports);
        Assert.True(raised.UsesAutoencoder);
    }

    [Fact]
    public void AnAutoencoderOfTheWrongShapeIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Pipeline(new MemoryStateStore(), autoencoder: TinyTflite.Requantize(10, 0.1f, 0.1f)));
        Assert.Contains("must map 36 quantized int8 features", e.Message);
    }

    [Fact]
    public void ATooShortLearnPhaseIsRefusedByTheEngine() =>
        Assert.Throws<TinyMl.TinyMlException>(() => new VibrationPipeline(Settings(), 1000 / 40, 3, 4f, null, new MemoryStateStore()));
}

using TinyMlDevice.Core;
using TinyMlDevice.Simulator.Ble;

namespace TinyMlDevice.Simulator.Tests;

// One test per injected fault on the demo's board: the firmware reports it over BLE (the Fault characteristic the client
// receives), recovers where it can, never crashes, and keeps its last good model and configuration.
public class FaultTests(ITestOutputHelper output)
{
    private static List<(double TimeS, FaultReport Report)> After(RunSummary summary, double s) =>
        summary.Faults.Where(f => f.TimeS >= s).ToList();

    private void Show(RunSummary summary)
    {
        foreach (var f in summary.Faults)
        {
            output.WriteLine($"{f.TimeS,8:0.000} s  {f.Report.Code} ({f.Report.Source}) retry {f.Report.RetryInMs} ms #{f.Report.Attempt}: {f.Report.Reason}");
        }
    }

    /// <summary>The first fault of code from source at or after s, and the time of the SensorRecovered that follows it.</summary>
    private static ((double TimeS, FaultReport Report) Failed, double? RecoveredS) FailedThenRecovered(RunSummary summary, double s, FaultSource source)
    {
        var failed = After(summary, s).First(f => f.Report.Code == FaultCode.SensorFailed && f.Report.Source == source);
        double? recovered = After(summary, failed.TimeS).Where(f => f.Report.Code == FaultCode.SensorRecovered && f.Report.Source == source)
            .Select(f => (double?)f.TimeS).FirstOrDefault();
        return (failed, recovered);
    }

    [Fact]
    public void An_I2C_NACK_is_reported_and_the_IMU_is_read_again_after_the_backoff()
    {
        RunSummary summary = Bench.Summarize(Simulation.Run(Bench.Demo(70, "i2c-nack@40")), null, Bench.DemoVibration.FaultOnsetS);
        Show(summary);

        var (failed, recovered) = FailedThenRecovered(summary, 40, FaultSource.Imu);
        Assert.Contains("address-nack after 3 attempts", failed.Report.Reason);
        Assert.Equal(1000, failed.Report.RetryInMs);
        Assert.InRange(recovered!.Value - failed.TimeS, 0.9, 1.5);
        Assert.NotNull(summary.AlarmLatencyS); // the baseline survived: the fault at 60 s is still found
        Assert.Equal(0, summary.AlarmsBeforeOnset);
    }

    [Fact]
    public void An_I2C_clock_stretch_timeout_is_reported_and_recovered()
    {
        RunSummary summary = Bench.Summarize(Simulation.Run(Bench.Demo(50, "i2c-timeout@40")));
        Show(summary);

        var (failed, recovered) = FailedThenRecovered(summary, 40, FaultSource.Imu);
        Assert.Contains("clock-stretch-timeout after 3 attempts", failed.Report.Reason);
        Assert.InRange(recovered!.Value - failed.TimeS, 0.9, 1.5);
        Assert.True(summary.Result.FinalStatus!.VibrationRunning);
    }

    [Fact]
    public void An_unplugged_IMU_is_retried_with_growing_delays_and_resumes_once_plugged_back()
    {
        RunSummary summary = Bench.Summarize(Simulation.Run(Bench.Demo(75, "imu-unplug@40:4")), null, Bench.DemoVibration.FaultOnsetS);
        Show(summary);

        List<FaultReport> failures = After(summary, 40).Where(f => f.Report.Code == FaultCode.SensorFailed).Select(f => f.Report).ToList();
        Assert.Equal(new[] { 1000, 2000 }, failures.Take(2).Select(f => f.RetryInMs));
        Assert.Equal(new[] { 1, 2 }, failures.Take(2).Select(f => f.Attempt));
        double recovered = After(summary, 40).First(f => f.Report.Code == FaultCode.SensorRecovered).TimeS;
        Assert.InRange(recovered, 44.0, 47.5); // plugged back at 44 s; the next retry finds it
        Assert.NotNull(summary.AlarmLatencyS); // reconfigured after power-up, and the alarm still comes
    }

    [Fact]
    public void A_FIFO_overflow_is_reported_and_reading_resumes_at_once()
    {
        // 460 ms without the main loop: the 8 KB FIFO (410 ms at 3332 Hz) and the 128 ms I2S DMA both overrun
        RunSummary summary = Bench.Summarize(Simulation.Run(Bench.Demo(70, "fifo-overflow@40")), null, Bench.DemoVibration.FaultOnsetS);
        Show(summary);

        var (imu, imuBack) = FailedThenRecovered(summary, 40, FaultSource.Imu);
        Assert.StartsWith("imu: LSM6DS3 fifo-overflow", imu.Report.Reason);
        Assert.Equal(0, imu.Report.RetryInMs); // the driver already restarted the FIFO: no backoff
        Assert.InRange(imuBack!.Value - imu.TimeS, 0, 0.05);
        if (summary.Result.Config!.Kws.Enabled && summary.Result.FinalStatus!.KwsRunning)
        {
            var (microphone, microphoneBack) = FailedThenRecovered(summary, 40, FaultSource.Microphone);
            Assert.Contains("i2s-overrun", microphone.Report.Reason);
            Assert.InRange(microphoneBack!.Value - microphone.TimeS, 0, 0.05);
        }

        Assert.NotNull(summary.AlarmLatencyS);
    }

    [Fact]
    public void An_I2S_underrun_is_reported_and_the_microphone_recovers()
    {
        SimulationSetup setup = Bench.Demo(30, "i2s-underrun@20:300");
        Assert.SkipWhen(setup.KwsModel == null, "no keyword model (models/kws/kws.tflite or ../shared): the microphone is not read");
        SimulationResult result = Simulation.Run(setup);
        RunSummary summary = Bench.Summarize(result);
        Show(summary);

        var (failed, recovered) = FailedThenRecovered(summary, 20, FaultSource.Microphone);
        // the adapter cannot tell a stalled DMA from a late reader: it reports the audio it missed as an overrun
        Assert.Contains("i2s-overrun", failed.Report.Reason);
        Assert.InRange(recovered!.Value - failed.TimeS, 0, 0.2);
        Assert.True(result.AudioFramesStalled >= 4800 - 16);
        Assert.True(result.FinalStatus!.KwsRunning);
        Assert.DoesNotContain(After(summary, 21), f => f.Report.Source == FaultSource.Microphone && f.Report.Code == FaultCode.SensorFailed);
    }

    [Fact]
    public void A_BLE_link_lost_during_a_notification_costs_that_notification_and_reporting_resumes_on_reconnect()
    {
        SimulationResult result = Simulation.Run(Bench.Demo(50, "ble-disconnect@30:3"));
        RunSummary summary = Bench.Summarize(result);

        BleLogEntry lost = Assert.Single(result.Log, e => e.Kind == BleEventKind.NotifyFailed);
        BleLogEntry back = Assert.Single(result.Log, e => e.Kind == BleEventKind.Connected && e.TimeUs > lost.TimeUs);
        Assert.InRange((back.TimeUs - lost.TimeUs) / 1e6, 2.99, 3.1);
        Assert.Equal(1, result.NotificationsLost); // the firmware counted it and went on
        Assert.Contains(result.Received, r => r.ViaRead && r.Status != null && r.TimeUs >= back.TimeUs); // the client reads Status
        Assert.Contains(result.Received, r => !r.ViaRead && r.TimeUs > back.TimeUs); // and notifications flow again
        Assert.DoesNotContain(result.Log, e => e.Kind == BleEventKind.Notified && e.TimeUs > lost.TimeUs && e.TimeUs < back.TimeUs);
        output.WriteLine($"lost {lost.ToLine()}; back at {back.TimeUs / 1e6:0.000} s");
    }

    [Fact]
    public void A_corrupted_keyword_model_at_boot_is_refused_and_vibration_runs_on()
    {
        SimulationSetup setup = Bench.Demo(70, "model-corrupt@0");
        Assert.SkipWhen(setup.KwsModel == null, "no keyword model (models/kws/kws.tflite or ../shared) to corrupt");
        RunSummary summary = Bench.Summarize(Simulation.Run(setup), null, Bench.DemoVibration.FaultOnsetS);
        Show(summary);

        var rejected = summary.Faults.First();
        Assert.Equal((FaultCode.ModelRejected, FaultSource.Kws), (rejected.Report.Code, rejected.Report.Source));
        Assert.StartsWith("models/kws/kws.tflite: ", rejected.Report.Reason);
        StatusReport status = summary.Result.FinalStatus!;
        Assert.True(status.KwsEnabled && !status.KwsRunning && status.VibrationRunning);
        Assert.Empty(summary.Keywords);
        Assert.NotNull(summary.AlarmLatencyS);
    }

    [Fact]
    public void A_corrupted_keyword_model_met_at_a_reload_is_refused_and_the_running_one_stays()
    {
        SimulationSetup setup = Bench.Demo(Bench.DemoAudio.DurationS + 1, "model-corrupt@20");
        Assert.SkipWhen(setup.KwsModel == null, "no keyword model (models/kws/kws.tflite or ../shared) to corrupt");
        SimulationResult result = Simulation.Run(setup);
        RunSummary summary = Bench.Summarize(result);
        Show(summary);

        var rejected = Assert.Single(summary.Faults);
        Assert.Equal((FaultCode.ModelRejected, FaultSource.Kws), (rejected.Report.Code, rejected.Report.Source));
        Assert.Contains(result.Notes, n => n.Text == "ApplyConfig: Rejected");
        Assert.True(result.FinalStatus!.KwsRunning);
        Assert.Contains(summary.Keywords, k => k.AtS > 20); // the last good model still hears the words said after it
        Assert.Equal(3332, result.Config!.Imu.OdrHz); // the demo's configuration is still the one in force
    }
}

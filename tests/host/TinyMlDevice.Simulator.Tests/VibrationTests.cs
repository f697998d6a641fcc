using System.Diagnostics;

namespace TinyMlDevice.Simulator.Tests;

// Vibration anomaly detection through the whole device: CSV → the LSM6DS3 model's FIFO → the firmware's FIFO driver over
// the simulated I2C bus → the core's windows, features and baseline on the engine → AnomalyReport notifications.
public class VibrationTests(ITestOutputHelper output)
{
    /// <summary>What the demo promises: an alarm within this many seconds of the fault appearing in the recording.</summary>
    public const double MaxAlarmLatencyS = 5;

    [Fact]
    public void The_demo_machine_raises_an_alarm_within_5_s_of_the_bearing_fault_and_none_before()
    {
        double onset = Bench.DemoVibration.FaultOnsetS!.Value;

        SimulationResult result = Simulation.Run(Bench.Demo(onset + 20));
        RunSummary summary = Bench.Summarize(result, null, onset);

        output.WriteLine($"fault at {onset} s; calibrated by {summary.CalibratedAtS} s; alarm {summary.AlarmLatencyS:0.00} s after the fault");
        Assert.Equal(0, summary.AlarmsBeforeOnset);
        Assert.NotNull(summary.AlarmLatencyS);
        Assert.InRange(summary.AlarmLatencyS!.Value, 0, MaxAlarmLatencyS);
        Assert.Single(summary.Alarms); // and it stays raised while the fault grows
        Assert.True(result.FinalStatus!.AlarmActive);
    }

    [Fact]
    public void An_hour_of_healthy_running_raises_no_alarm()
    {
        string tinyml = Path.Combine(Bench.Root, "build", "bin", "tinyml");
        Assert.SkipUnless(File.Exists(tinyml), "needs the toolkit (build/bin/tinyml: ./build.sh) to make the healthy recordings");
        string folder = Directory.CreateTempSubdirectory("tinyml-sim-healthy-").FullName;
        try
        {
            // four 15-minute sessions of the demo's machine type and sensor, another seed: loads and temperatures differ
            Stopwatch made = Stopwatch.StartNew();
            Toolkit(tinyml, $"data vibration --out {folder} --seed 21 --sensor lsm6ds3 --odr-hz 3332 --range-g 16 --minutes 15 "
                + "--machines 1 --normal-files 4 --faults imbalance --severities 0.3 --developing-fault none --jobs 2");
            output.WriteLine($"recordings made in {made.Elapsed.TotalSeconds:0} s");
            string config = IniText.Set(Bench.DemoConfig, "kws", "enabled", "false");

            double scoredS = 0;
            int alarms = 0;
            foreach (string csv in Directory.GetFiles(Path.Combine(folder, "normal"), "*.csv").Order(StringComparer.Ordinal))
            {
                var recording = Sensors.VibrationRecording.Read(csv);
                SimulationResult result = Simulation.Run(new SimulationSetup
                {
                    ConfigText = config,
                    Vibration = recording,
                    Imu = "lsm6ds3",
                    DurationS = recording.DurationS,
                });
                RunSummary summary = Bench.Summarize(result);
                double calibrated = summary.CalibratedAtS ?? recording.DurationS;
                double learnEndS = result.Config!.Vibration.LearnNormalS + 0.3; // boot, then the learn-normal phase
                scoredS += recording.DurationS - learnEndS;
                alarms += summary.Alarms.Count;
                output.WriteLine($"{Path.GetFileName(csv)}: {recording.DurationS / 60:0} min, calibrated by {calibrated:0} s, "
                    + $"threshold {summary.Anomalies.Where(a => a.Report.Calibrated).Select(a => a.Report.Threshold).FirstOrDefault():0.00}, "
                    + $"highest healthy score {summary.Anomalies.Where(a => a.Report.Calibrated).Select(a => a.Report.Score).DefaultIfEmpty(0).Max():0.00}, "
                    + $"{summary.Alarms.Count} alarm(s); {result.WallSeconds:0.0} s of wall time");
            }

            double hours = scoredS / 3600;
            output.WriteLine($"false alarms: {alarms} in {hours:0.00} h scored = {alarms / hours:0.00} per hour "
                + $"(95% upper bound {(alarms == 0 ? 3.0 / hours : double.NaN):0.0} per hour)");
            Assert.True(hours > 0.9);
            Assert.Equal(0, alarms);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Toolkit(string tinyml, string arguments)
    {
        ProcessStartInfo start = new(tinyml, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tinyml {arguments}: {error.Result}");
    }
}

using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class MachineSimulatorTests
{
    private static readonly MachineSpec s_machine = new();

    private static VibrationRecording Simulate(ImuSensor sensor, double seconds, params FaultSpec[] faults) =>
        MachineSimulator.Simulate(s_machine, sensor, new MachineRun { DurationSeconds = seconds, Rpm = 1800, Faults = faults }, 11, 12);

    private static double EnvelopePeak(VibrationRecording r, double hz)
    {
        var envelope = DataSpectra.Envelope(r.Channels[2], r.SampleRateHz, 1000);
        var magnitude = DataSpectra.Magnitude(envelope, out var n);
        return DataSpectra.PeakOverMedian(magnitude, n, r.SampleRateHz, hz, 0.01, 20, 600);
    }

    [Fact]
    public void FaultFrequenciesFollowTheBearingGeometry()
    {
        // SKF 6205 (the CWRU drive-end bearing): published orders 0.3983, 3.5848, 5.4152, and 2·BSF = 4.7135.
        var b = BearingGeometry.Skf6205;
        Assert.Equal(0.3983, b.FtfOrder, 3);
        Assert.Equal(3.5848, b.BpfoOrder, 3);
        Assert.Equal(5.4152, b.BpfiOrder, 3);
        Assert.Equal(4.7135, 2 * b.BsfOrder, 2);
    }

    [Fact]
    public void OuterRaceFaultShowsBpfoInTheEnvelopeSpectrum()
    {
        var sensor = ImuSensor.Lsm6ds3();
        var bpfo = s_machine.Bearing.BpfoOrder * 30;
        var faulty = EnvelopePeak(Simulate(sensor, 8, new FaultSpec(MachineFault.OuterRace, 0.5)), bpfo);
        var healthy = EnvelopePeak(Simulate(sensor, 8), bpfo);
        Assert.True(faulty > 20, $"BPFO {bpfo:0.0} Hz stands {faulty:0.0}× over the envelope's median");
        Assert.True(healthy < 6, $"healthy machine shows {healthy:0.0}× at BPFO");
    }

    [Fact]
    public void InnerRaceFaultShowsBpfiWithShaftSidebands()
    {
        var sensor = ImuSensor.Lsm6ds3();
        var r = Simulate(sensor, 8, new FaultSpec(MachineFault.InnerRace, 0.5));
        var bpfi = s_machine.Bearing.BpfiOrder * 30;
        Assert.True(EnvelopePeak(r, bpfi) > 10, $"BPFI {bpfi:0.0} Hz: {EnvelopePeak(r, bpfi):0.0}×");
        // the defect turns through the load zone once per revolution: amplitude modulation at 1× → sidebands at BPFI ± 1×
        Assert.True(EnvelopePeak(r, bpfi - 30) > 4, $"lower sideband {EnvelopePeak(r, bpfi - 30):0.0}×");
        Assert.True(EnvelopePeak(r, 30) > 4, $"1× in the envelope {EnvelopePeak(r, 30):0.0}×");
    }

    [Fact]
    public void BallFaultShowsTwiceBsfModulatedByTheCage()
    {
        var sensor = ImuSensor.Lsm6ds3();
        var r = Simulate(sensor, 8, new FaultSpec(MachineFault.Ball, 0.7));
        var twoBsf = 2 * s_machine.Bearing.BsfOrder * 30;
        Assert.True(EnvelopePeak(r, twoBsf) > 6, $"2·BSF {twoBsf:0.0} Hz: {EnvelopePeak(r, twoBsf):0.0}×");
        var ftf = s_machine.Bearing.FtfOrder * 30;
        Assert.True(EnvelopePeak(r, twoBsf + ftf) > 3 || EnvelopePeak(r, twoBsf - ftf) > 3, "no cage sideband around 2·BSF");
    }

    [Fact]
    public void ImbalanceIsAPeakAtOneTimesShaftSpeed()
    {
        var r = Simulate(ImuSensor.Mpu6050(), 8, new FaultSpec(MachineFault.Imbalance, 1));
        var magnitude = DataSpectra.Magnitude(r.Channels[0], out var n);
        Assert.InRange(DataSpectra.FrequencyOfLargestPeak(magnitude, n, r.SampleRateHz, 5, 450), 29, 31);
        Assert.True(DataSpectra.PeakOverMedian(magnitude, n, r.SampleRateHz, 30, 0.03, 5, 450) > 100);
    }

    [Fact]
    public void MisalignmentIsStrongestAxiallyAtOneAndTwoTimes()
    {
        var r = Simulate(ImuSensor.Mpu6050(), 8, new FaultSpec(MachineFault.Misalignment, 1));
        var axial = DataSpectra.Magnitude(r.Channels[1], out var n);
        var peak = DataSpectra.FrequencyOfLargestPeak(axial, n, r.SampleRateHz, 5, 450);
        Assert.True(Math.Abs(peak - 60) < 1 || Math.Abs(peak - 30) < 1, $"axial peak at {peak:0.0} Hz");
        var healthy = DataSpectra.Magnitude(Simulate(ImuSensor.Mpu6050(), 8).Channels[1], out _);
        Assert.True(DataSpectra.PeakOverMedian(axial, n, r.SampleRateHz, 60, 0.03, 5, 450) >
                    10 * DataSpectra.PeakOverMedian(healthy, n, r.SampleRateHz, 60, 0.03, 5, 450));
    }

    [Fact]
    public void SaturatesAtTheFullScaleRange()
    {
        var sensor = ImuSensor.Mpu6050(rangeG: 2);
        var r = Simulate(sensor, 2, new FaultSpec(MachineFault.Imbalance, 12));
        Assert.Equal(32767 / 16384.0, r.Channels[0].Max(), 6);
        Assert.Equal(-2.0, r.Channels[0].Min(), 6);
    }

    [Theory]
    [InlineData("mpu6050", 1000, 8192)]
    [InlineData("lsm6ds3", 6664, 1 / 0.122e-3)]
    public void SamplesComeAtTheOdrAsWholeCounts(string name, double odr, double countsPerG)
    {
        var sensor = ImuSensor.ByName(name, null, 4, null);
        var r = Simulate(sensor, 1.5);
        Assert.Equal(odr, r.SampleRateHz);
        Assert.Equal((int)(1.5 * odr), r.Length);
        Assert.All(r.Channels[2].Take(200), v => Assert.Equal(Math.Round(v * countsPerG), v * countsPerG, 2));
        Assert.InRange(r.Channels[2].Average(), 0.85, 1.15); // gravity on z, within tilt and zero-g offset
        Assert.InRange(r.Channels[2][0], 0.8, 1.2); // no start-up transient: the filters are settled before t = 0
    }

    [Fact]
    public void AntiAliasFilterKeepsResonancesAboveNyquistOut()
    {
        // Bearing impacts ring the 2.9 kHz mode: at 1 kHz ODR the filtered sensor sees far less than the wideband one.
        var fault = new FaultSpec(MachineFault.OuterRace, 1);
        var filtered = Simulate(ImuSensor.Mpu6050(bandwidthHz: 100), 2, fault);
        var wide = Simulate(ImuSensor.Lsm6ds3(), 2, fault);
        double Rms(float[] x) => AudioEffects.Rms(x.Select(v => v - x.Average()).Select(v => (float)v).ToArray());
        Assert.True(Rms(filtered.Channels[2]) < 0.2 * Rms(wide.Channels[2]));
    }

    [Fact]
    public void SameSeedSameSignal()
    {
        var a = Simulate(ImuSensor.Mpu6050(), 1, new FaultSpec(MachineFault.Looseness, 1));
        var b = Simulate(ImuSensor.Mpu6050(), 1, new FaultSpec(MachineFault.Looseness, 1));
        Assert.Equal(a.Channels, b.Channels);
    }
}

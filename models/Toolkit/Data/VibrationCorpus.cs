using System.Globalization;
using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>Options of <c>tinyml data vibration</c>.</summary>
public sealed record VibrationCorpusOptions
{
    public required string OutDir { get; init; }
    public ulong Seed { get; init; } = 1;

    /// <summary>Length of each normal file and of the developing-fault run; anomalous files are half as long.</summary>
    public double Minutes { get; init; } = 2;
    public string Sensor { get; init; } = "mpu6050";
    public double? OdrHz { get; init; }
    public int RangeG { get; init; } = 4;
    public double? BandwidthHz { get; init; }
    public double Rpm { get; init; } = 1800;

    /// <summary>Relative spread of the speed between files (each file draws rpm × U(1 ± spread)).</summary>
    public double RpmSpread { get; init; } = 0.05;
    public double LineHz { get; init; } = 50;
    public int Machines { get; init; } = 2;
    public int NormalFiles { get; init; } = 4;
    public IReadOnlyList<MachineFault> Faults { get; init; } =
        [MachineFault.Imbalance, MachineFault.Misalignment, MachineFault.Looseness, MachineFault.OuterRace, MachineFault.InnerRace, MachineFault.Ball];
    public IReadOnlyList<double> Severities { get; init; } = [0.3, 1.0];

    /// <summary>The fault that develops half way through the demo run (none: no demo run).</summary>
    public MachineFault DevelopingFault { get; init; } = MachineFault.OuterRace;
    public int Jobs { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// Writes a vibration corpus: normal/*.csv (healthy machines at several operating points), anomalous/*.csv (each fault
/// at each severity), developing_fault/*.csv (healthy, then a fault from mid-run; onset in a comment and in the
/// metadata) and metadata.csv (one row per file). Deterministic from the seed.
/// </summary>
public static class VibrationCorpus
{
    public static readonly string[] MetadataColumns =
    [
        "path", "label", "machine", "fault", "severity", "fault_onset_s", "duration_s", "rpm", "load_mean", "temperature_start_c",
        "temperature_end_c", "sensor", "odr_hz", "range_g", "bandwidth_hz", "ftf_hz", "bpfo_hz", "bpfi_hz", "bsf_hz", "seed",
    ];

    private sealed record Job(string Path, string Label, int Machine, FaultSpec? Fault, MachineRun Run, ulong Seed);

    public static int Generate(VibrationCorpusOptions o, Action<int, int>? progress = null)
    {
        var sensor = ImuSensor.ByName(o.Sensor, o.OdrHz, o.RangeG, o.BandwidthHz);
        if (o.Machines < 1) throw new ArgumentException("--machines must be at least 1");
        if (o.Minutes <= 0) throw new ArgumentException("--minutes must be positive");
        var machines = Enumerable.Range(0, o.Machines)
            .Select(m => MachineSpec.Random(SeededRandom.Derive(o.Seed, (ulong)m, 1), o.LineHz)).ToArray();
        var seconds = o.Minutes * 60;
        var jobs = new List<Job>();
        MachineRun RunFor(ulong seed, double duration, IReadOnlyList<FaultSpec> faults)
        {
            var rng = new SeededRandom(SeededRandom.Derive(seed, 0, 2));
            return new MachineRun
            {
                DurationSeconds = duration,
                Rpm = Math.Round(o.Rpm * rng.Uniform(1 - o.RpmSpread, 1 + o.RpmSpread), 1),
                Faults = faults,
                LoadMean = Math.Round(rng.Uniform(0.3, 0.9), 2),
                WarmUpAtStartSeconds = Math.Round(rng.Uniform(0, 3600)),
            };
        }
        for (var k = 0; k < o.NormalFiles; k++)
        {
            var seed = SeededRandom.Derive(o.Seed, (ulong)jobs.Count, 3);
            var machine = k % o.Machines;
            jobs.Add(new Job($"normal/m{machine}_normal_{k}.csv", "normal", machine, null, RunFor(seed, seconds, []), seed));
        }
        var faults = o.Faults.Where(f => f != MachineFault.None).Distinct().ToList();
        for (var fi = 0; fi < faults.Count; fi++)
            for (var si = 0; si < o.Severities.Count; si++)
            {
                var (fault, severity) = (faults[fi], o.Severities[si]);
                var seed = SeededRandom.Derive(o.Seed, (ulong)jobs.Count, 3);
                var machine = (fi + si) % o.Machines; // every machine sees every fault kind across severities
                var spec = new FaultSpec(fault, severity);
                var name = $"anomalous/m{machine}_{FaultSpec.Name(fault)}_s{severity.ToString("0.##", CultureInfo.InvariantCulture)}.csv";
                jobs.Add(new Job(name, "anomalous", machine, spec, RunFor(seed, seconds / 2, [spec]), seed));
            }
        if (o.DevelopingFault != MachineFault.None)
        {
            var seed = SeededRandom.Derive(o.Seed, (ulong)jobs.Count, 3);
            var spec = new FaultSpec(o.DevelopingFault, o.Severities.Max(), seconds / 2, seconds / 10);
            jobs.Add(new Job($"developing_fault/m0_{FaultSpec.Name(o.DevelopingFault)}_onset.csv", "developing", 0, spec,
                RunFor(seed, seconds, [spec]), seed));
        }

        foreach (var folder in new[] { "normal", "anomalous", "developing_fault" })
            Directory.CreateDirectory(Path.Combine(o.OutDir, folder));
        var rows = new string[jobs.Count];
        var done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Jobs) }, i =>
        {
            var job = jobs[i];
            var machine = machines[job.Machine];
            var recording = MachineSimulator.Simulate(machine, sensor, job.Run, SeededRandom.Derive(o.Seed, (ulong)job.Machine, 4), job.Seed);
            var inv = CultureInfo.InvariantCulture;
            var extra = new List<KeyValuePair<string, string>>
            {
                new("label", job.Label),
                new("machine", job.Machine.ToString(inv)),
                new("fault", FaultSpec.Name(job.Fault?.Kind ?? MachineFault.None)),
                new("severity", (job.Fault?.Severity ?? 0).ToString("0.##", inv)),
            };
            if (job.Label == "developing")
            {
                extra.Add(new("fault_onset_s", job.Fault!.OnsetSeconds.ToString("0.###", inv)));
                extra.Add(new("fault_growth_s", job.Fault.GrowthSeconds.ToString("0.###", inv)));
            }
            extra.Add(new("seed", job.Seed.ToString(inv)));
            recording.Properties.InsertRange(0, extra);
            VibrationCsv.Write(Path.Combine(o.OutDir, job.Path), recording);
            var shaft = job.Run.Rpm / 60;
            rows[i] = string.Join(",",
                job.Path, job.Label, job.Machine.ToString(inv), FaultSpec.Name(job.Fault?.Kind ?? MachineFault.None),
                (job.Fault?.Severity ?? 0).ToString("0.##", inv),
                job.Label == "developing" ? job.Fault!.OnsetSeconds.ToString("0.###", inv) : "",
                job.Run.DurationSeconds.ToString("0.###", inv), job.Run.Rpm.ToString("0.#", inv), job.Run.LoadMean.ToString("0.##", inv),
                job.Run.TemperatureAt(0).ToString("0.0", inv), job.Run.TemperatureAt(job.Run.DurationSeconds).ToString("0.0", inv),
                sensor.Name, sensor.OdrHz.ToString("0.###", inv), sensor.RangeG.ToString(inv), sensor.BandwidthHz.ToString("0.##", inv),
                (machine.Bearing.FtfOrder * shaft).ToString("0.###", inv), (machine.Bearing.BpfoOrder * shaft).ToString("0.###", inv),
                (machine.Bearing.BpfiOrder * shaft).ToString("0.###", inv), (machine.Bearing.BsfOrder * shaft).ToString("0.###", inv),
                job.Seed.ToString(inv));
            progress?.Invoke(Interlocked.Increment(ref done), jobs.Count);
        });
        var metadata = new StringBuilder();
        metadata.Append(string.Join(",", MetadataColumns)).Append('\n');
        foreach (var row in rows) metadata.Append(row).Append('\n');
        File.WriteAllText(Path.Combine(o.OutDir, "metadata.csv"), metadata.ToString(), new UTF8Encoding(false));
        return jobs.Count;
    }
}

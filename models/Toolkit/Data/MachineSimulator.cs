using System.Globalization;
using System.Numerics;

namespace TinyMl.Toolkit.Data;

/// <summary>
/// Physics-based accelerometer signal of a rotating machine (see docs/TOOLKIT.md, "Vibration simulator"). The machine is
/// simulated at an internal rate of several times the output data rate, block by block (all state carries over, so
/// memory does not grow with duration), then passes through the <see cref="ImuSensor"/> model.
/// </summary>
public static class MachineSimulator
{
    private const int OutputBlock = 1024;
    private const double ImpactJitter = 0.015; // relative slip of rolling elements: each impact interval varies by this
    private const double LoadZoneExponent = 1.5;

    /// <summary>Internal simulation rate: at least 4 × ODR and 12 kHz, so every structural mode is represented.</summary>
    public static int Oversampling(double odrHz) => Math.Max(4, (int)Math.Ceiling(12000 / odrHz));

    /// <param name="sensorUnitSeed">Fixes the individual sensor's offset, sensitivity and cross-axis errors (one per machine).</param>
    /// <param name="seed">Everything random in this recording.</param>
    public static VibrationRecording Simulate(MachineSpec machine, ImuSensor sensor, MachineRun run, ulong sensorUnitSeed, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var unit = new SeededRandom(sensorUnitSeed);
        var os = Oversampling(sensor.OdrHz);
        var fs = sensor.OdrHz * os;
        var dt = 1 / fs;
        var outputCount = (int)Math.Floor(run.DurationSeconds * sensor.OdrHz);
        var f0 = run.Rpm / 60;

        // Sensor unit: offsets within the datasheet bound, sensitivity error, cross-axis coupling (row = output axis).
        var offset = new double[3];
        var mix = new double[3, 3];
        for (var a = 0; a < 3; a++)
        {
            offset[a] = unit.Uniform(-1, 1) * sensor.ZeroGOffsetG[a];
            for (var b = 0; b < 3; b++)
                mix[a, b] = a == b ? 1 + unit.Uniform(-1, 1) * sensor.SensitivityTolerance : unit.Uniform(-1, 1) * sensor.CrossAxis;
        }
        var offsetDrift = new double[3];
        for (var a = 0; a < 3; a++) offsetDrift[a] = unit.Uniform(-1, 1) * sensor.OffsetDriftGPerDegree;

        // Mounting: gravity along the tilted z axis.
        var tilt = machine.MountTiltDeg * Math.PI / 180;
        var tiltDirection = rng.Uniform(0, 2 * Math.PI);
        double[] gravity = [Math.Sin(tilt) * Math.Cos(tiltDirection), Math.Sin(tilt) * Math.Sin(tiltDirection), Math.Cos(tilt)];

        // Slow load profile: two incommensurate swings.
        double p1 = rng.Uniform(40, 120), p2 = rng.Uniform(7, 25), q1 = rng.Uniform(0, 2 * Math.PI), q2 = rng.Uniform(0, 2 * Math.PI);
        double Load(double t) => Math.Clamp(run.LoadMean + run.LoadSwing * (0.65 * Math.Sin(2 * Math.PI * t / p1 + q1) + 0.35 * Math.Sin(2 * Math.PI * t / p2 + q2)), 0.05, 1);

        var phases = new double[25];
        for (var i = 0; i < phases.Length; i++) phases[i] = rng.Uniform(0, 2 * Math.PI);
        var loadZoneAngle = rng.Uniform(0, 2 * Math.PI);

        var bearingOrders = new Dictionary<MachineFault, double>
        {
            [MachineFault.OuterRace] = machine.Bearing.BpfoOrder,
            [MachineFault.InnerRace] = machine.Bearing.BpfiOrder,
            [MachineFault.Ball] = 2 * machine.Bearing.BsfOrder,
        };
        var trains = run.Faults.Where(f => bearingOrders.ContainsKey(f.Kind) || f.Kind == MachineFault.Looseness)
            .Select(f => new ImpactTrain(f, f.Kind == MachineFault.Looseness ? 1 : bearingOrders[f.Kind], rng.Uniform(0, 1))).ToArray();
        FaultSpec? Fault(MachineFault kind) => run.Faults.FirstOrDefault(f => f.Kind == kind);
        FaultSpec? imbalance = Fault(MachineFault.Imbalance), misalignment = Fault(MachineFault.Misalignment), looseness = Fault(MachineFault.Looseness);

        var modes = machine.Modes;
        var resonators = new Resonator[3, modes.Length];
        var filters = Enumerable.Range(0, 3).Select(_ => new ButterworthLowPass(sensor.FilterOrder, sensor.BandwidthHz, fs)).ToArray();
        var sensorNoise = sensor.NoiseDensityGPerRootHz * Math.Sqrt(fs / 2);
        var sensitivity = sensor.Sensitivity;
        double[] bearingDirection = [0.5, 0.25, 1.0], loosenessDirection = [0.4, 0.2, 1.0];

        var channels = new float[3][];
        for (var a = 0; a < 3; a++) channels[a] = new float[outputCount];
        var block = new double[3][];
        for (var a = 0; a < 3; a++) block[a] = new double[OutputBlock * os];
        double theta = rng.Uniform(0, 2 * Math.PI), cage = 0, electrical = 0;
        double wanderNow = run.SpeedWander * rng.Gaussian();
        const double wanderTau = 5;
        // A quarter second runs before t = 0 and is dropped, so modes and the anti-alias filter start settled.
        var warmOutputs = (int)Math.Ceiling(0.25 * sensor.OdrHz);
        var totalOutputs = warmOutputs + outputCount;
        long sample = -(long)warmOutputs * os;

        for (var first = 0; first < totalOutputs; first += OutputBlock)
        {
            var outputs = Math.Min(OutputBlock, totalOutputs - first);
            var n = outputs * os;
            var t0 = sample * dt;
            var temperature = run.TemperatureAt(t0);
            var decay = Math.Exp(-n * dt / wanderTau);
            var wanderNext = wanderNow * decay + run.SpeedWander * Math.Sqrt(1 - decay * decay) * rng.Gaussian();
            var broadbandScale = new double[modes.Length];
            for (var m = 0; m < modes.Length; m++)
            {
                var hz = modes[m].Hz * (1 - machine.ModeShiftPerDegree * (temperature - 20));
                for (var a = 0; a < 3; a++) resonators[a, m].Tune(hz, modes[m].Damping, fs);
                broadbandScale[m] = modes[m].BroadbandG / Math.Sqrt(resonators[0, m].ImpulseEnergy);
            }

            for (var i = 0; i < n; i++, sample++)
            {
                var t = sample * dt;
                var load = Load(t);
                var wander = wanderNow + (wanderNext - wanderNow) * i / n;
                var fr = f0 * (1 + wander) * (1 - run.SlipPerLoad * (load - run.LoadMean));
                var speed = fr / f0;
                theta += 2 * Math.PI * fr * dt;
                cage += 2 * Math.PI * machine.Bearing.FtfOrder * fr * dt;
                electrical += 2 * Math.PI * 2 * machine.LineHz * dt;
                double gx = gravity[0], gy = gravity[1], gz = gravity[2];

                // Residual (healthy) rotating unbalance ∝ ω², a little 2× and 3×, and the motor's magnetic 2 × line frequency.
                var residual = machine.ResidualImbalanceG * speed * speed;
                gx += residual * (Math.Cos(theta + phases[0]) + 0.25 * Math.Cos(2 * theta + phases[1]) + 0.1 * Math.Cos(3 * theta + phases[2]));
                gz += residual * (Math.Sin(theta + phases[0]) + 0.25 * Math.Sin(2 * theta + phases[1]) + 0.1 * Math.Sin(3 * theta + phases[2]));
                gy += 0.1 * residual * Math.Cos(theta + phases[3]);
                var magnetic = 0.004 * (0.3 + 0.7 * load);
                gx += magnetic * Math.Cos(electrical + phases[4]);
                gz += magnetic * Math.Sin(electrical + phases[4]);

                if (imbalance is not null)
                {
                    var amp = 0.3 * imbalance.SeverityAt(t) * speed * speed; // centrifugal force of the extra mass
                    gx += amp * Math.Cos(theta + phases[5]);
                    gz += amp * Math.Sin(theta + phases[5]);
                    gy += 0.05 * amp * Math.Cos(theta + phases[5]);
                }
                if (misalignment is not null)
                {
                    var s = misalignment.SeverityAt(t) * speed;
                    gx += s * (0.06 * Math.Cos(theta + phases[6]) + 0.15 * Math.Cos(2 * theta + phases[7]));
                    gz += s * (0.06 * Math.Sin(theta + phases[6]) + 0.15 * Math.Sin(2 * theta + phases[7]));
                    gy += s * (0.15 * Math.Cos(theta + phases[8]) + 0.2 * Math.Cos(2 * theta + phases[9]) + 0.05 * Math.Cos(3 * theta + phases[10]));
                }
                if (looseness is not null)
                {
                    var s = looseness.SeverityAt(t) * speed * speed;
                    var v = 0.0;
                    for (var k = 1; k <= 10; k++) v += 0.06 / Math.Sqrt(k) * Math.Cos(k * theta + phases[10 + k]);
                    for (var h = 0; h < 4; h++) v += 0.03 * Math.Cos((h + 0.5) * theta + phases[21 + h]);
                    v *= s;
                    var limit = 0.12 * s; // the loose foot lifts until it meets its bolt: upward motion truncated
                    if (v > limit) v = limit + 0.3 * (v - limit);
                    gx += 0.5 * v;
                    gy += 0.1 * v;
                    gz += v;
                }

                // Impacts (bearing defects, looseness rattle) and healthy broadband forcing drive the structural modes.
                double bearingImpulse = 0, rattleImpulse = 0;
                foreach (var train in trains)
                {
                    train.Phase += train.Order * fr * dt;
                    if (train.Phase < train.NextImpact) continue;
                    train.NextImpact += 1 + ImpactJitter * rng.Gaussian() * (train.Fault.Kind == MachineFault.Looseness ? 2 : 1);
                    var severity = train.Fault.SeverityAt(t);
                    if (severity <= 0) continue;
                    var amplitude = severity * speed * (1 + 0.1 * rng.Gaussian());
                    switch (train.Fault.Kind)
                    {
                        case MachineFault.OuterRace: // fixed defect in the load zone
                            bearingImpulse += amplitude * (0.4 + 0.6 * load);
                            break;
                        case MachineFault.InnerRace: // defect turns with the shaft through the load zone
                            bearingImpulse += amplitude * (0.4 + 0.6 * load) * LoadZone(theta - loadZoneAngle);
                            break;
                        case MachineFault.Ball: // defective ball carried round by the cage
                            bearingImpulse += amplitude * (0.4 + 0.6 * load) * LoadZone(cage - loadZoneAngle);
                            break;
                        default:
                            rattleImpulse += 0.5 * amplitude * rng.Uniform(0.4, 1.0);
                            break;
                    }
                }
                var broadband = (0.5 + 0.5 * load) * Math.Pow(speed, 1.5);
                for (var a = 0; a < 3; a++)
                {
                    var e = rng.Gaussian() * broadband;
                    var impulse = bearingImpulse * bearingDirection[a] + rattleImpulse * loosenessDirection[a];
                    var response = machine.FloorG * rng.Gaussian();
                    for (var m = 0; m < modes.Length; m++)
                        response += resonators[a, m].Step(broadbandScale[m] * e + modes[m].ImpactG * impulse);
                    block[a][i] = a switch { 0 => gx, 1 => gy, _ => gz } + response;
                }
            }
            wanderNow = wanderNext;

            // Sensor: cross-axis and sensitivity errors, noise, anti-alias filter, ODR decimation, offset, range, counts.
            for (var i = 0; i < n; i++)
            {
                double x = block[0][i], y = block[1][i], z = block[2][i];
                for (var a = 0; a < 3; a++) block[a][i] = mix[a, 0] * x + mix[a, 1] * y + mix[a, 2] * z + sensorNoise * rng.Gaussian();
            }
            for (var a = 0; a < 3; a++)
            {
                filters[a].Process(block[a].AsSpan(0, n));
                var bias = offset[a] + offsetDrift[a] * (temperature - 25);
                for (var j = Math.Max(0, warmOutputs - first); j < outputs; j++)
                {
                    var counts = Math.Clamp(Math.Round((block[a][j * os + os - 1] + bias) * sensitivity), -32768, 32767);
                    channels[a][first + j - warmOutputs] = (float)(counts / sensitivity);
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var shaftHz = f0;
        return new VibrationRecording
        {
            SampleRateHz = sensor.OdrHz,
            Axes = ["x", "y", "z"],
            Channels = channels,
            Properties =
            [
                new("sensor", sensor.Name),
                new("range_g", sensor.RangeG.ToString(inv)),
                new("bandwidth_hz", sensor.BandwidthHz.ToString("0.##", inv)),
                new("rpm", run.Rpm.ToString("0.#", inv)),
                new("ftf_hz", (machine.Bearing.FtfOrder * shaftHz).ToString("0.###", inv)),
                new("bpfo_hz", (machine.Bearing.BpfoOrder * shaftHz).ToString("0.###", inv)),
                new("bpfi_hz", (machine.Bearing.BpfiOrder * shaftHz).ToString("0.###", inv)),
                new("bsf_hz", (machine.Bearing.BsfOrder * shaftHz).ToString("0.###", inv)),
                new("axes", "x radial horizontal; y axial; z radial vertical (gravity)"),
            ],
        };
    }

    // Load on a rolling element at angle ψ from the load direction (Stribeck, load distribution factor ½), with a floor
    // for the transmission through the unloaded side.
    private static double LoadZone(double angle)
    {
        var c = Math.Cos(angle);
        return 0.15 + 0.85 * (c > 0 ? Math.Pow(c, LoadZoneExponent) : 0);
    }

    private sealed class ImpactTrain(FaultSpec fault, double order, double startPhase)
    {
        public FaultSpec Fault { get; } = fault;
        public double Order { get; } = order;
        public double Phase { get; set; } = startPhase;
        public double NextImpact { get; set; } = 1;
    }

    /// <summary>A damped mode: impulse response r^k·sin(k·ω_d·T) (unit peak), ω_d = ω_n√(1−ζ²), r = e^(−ζω_n T).</summary>
    private struct Resonator
    {
        private double _a1, _a2, _b1, _y1, _y2, _x1;

        public double ImpulseEnergy { get; private set; }

        public void Tune(double hz, double damping, double fs)
        {
            var wn = 2 * Math.PI * hz / fs;
            var wd = wn * Math.Sqrt(1 - damping * damping);
            var r = Math.Exp(-damping * wn);
            _a1 = 2 * r * Math.Cos(wd);
            _a2 = -r * r;
            _b1 = r * Math.Sin(wd);
            // Σ_k r^2k sin²(k·wd) = ½ [1/(1 − r²) − Re 1/(1 − r² e^{2i·wd})]
            var z = Complex.FromPolarCoordinates(r * r, 2 * wd);
            ImpulseEnergy = 0.5 * (1 / (1 - r * r) - (1 / (1 - z)).Real);
        }

        public double Step(double x)
        {
            var y = _a1 * _y1 + _a2 * _y2 + _b1 * _x1;
            _y2 = _y1;
            _y1 = y;
            _x1 = x;
            return y;
        }
    }
}

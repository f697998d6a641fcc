namespace TinyMl.Toolkit.Data;

/// <summary>
/// One simulated machine: its bearing, structural modes and the residual vibration of a healthy unit.
/// Axes: x radial horizontal, y axial, z radial vertical (the sensor lies flat on the bearing housing: +1 g on z).
/// </summary>
public sealed record MachineSpec
{
    public BearingGeometry Bearing { get; init; } = BearingGeometry.Skf6205;

    /// <summary>Structural modes excited by impacts and broadband forcing: frequency (Hz, at 20 °C), damping ratio,
    /// peak response (g) of an impact of unit severity, RMS response (g) to healthy broadband forcing at full load.</summary>
    public (double Hz, double Damping, double ImpactG, double BroadbandG)[] Modes { get; init; } =
    [
        (420, 0.04, 0.30, 0.006),
        (1350, 0.03, 0.60, 0.010),
        (2900, 0.02, 1.50, 0.015),
    ];

    /// <summary>Relative drop of every mode frequency per °C (thermal softening).</summary>
    public double ModeShiftPerDegree { get; init; } = 3e-4;

    public double ResidualImbalanceG { get; init; } = 0.02;
    public double LineHz { get; init; } = 50;
    public double MountTiltDeg { get; init; } = 2;

    /// <summary>Broadband floor (g RMS, white) of a running machine on every axis.</summary>
    public double FloorG { get; init; } = 0.003;

    /// <summary>A machine of the same family with its own modes (±8 %), residual imbalance and mounting, from a seed.</summary>
    public static MachineSpec Random(ulong seed, double lineHz = 50)
    {
        var rng = new SeededRandom(seed);
        var template = new MachineSpec();
        return template with
        {
            LineHz = lineHz,
            Modes = template.Modes.Select(m => (m.Hz * rng.Uniform(0.92, 1.08), m.Damping * rng.Uniform(0.8, 1.25),
                m.ImpactG * rng.Uniform(0.8, 1.25), m.BroadbandG * rng.Uniform(0.8, 1.25))).ToArray(),
            ResidualImbalanceG = template.ResidualImbalanceG * rng.Uniform(0.6, 1.5),
            MountTiltDeg = rng.Uniform(0, 4),
        };
    }
}

namespace TinyMl.Toolkit.Data;

/// <summary>
/// The accelerometer model of the vibration simulator: output data rate, anti-alias low-pass, noise density, zero-g
/// offset and its temperature drift, sensitivity error, cross-axis coupling, full-scale range (saturation) and 16-bit
/// counts (quantization).
/// </summary>
public sealed record ImuSensor
{
    public required string Name { get; init; }
    public required double OdrHz { get; init; }
    public required double MaxOdrHz { get; init; }
    public required int RangeG { get; init; }

    /// <summary>Counts per g at each range (datasheet sensitivity).</summary>
    public required IReadOnlyDictionary<int, double> CountsPerG { get; init; }

    /// <summary>−3 dB point of the anti-alias low-pass (Butterworth of <see cref="FilterOrder"/>).</summary>
    public required double BandwidthHz { get; init; }
    public required int FilterOrder { get; init; }
    public required double NoiseDensityGPerRootHz { get; init; }

    /// <summary>Per-axis zero-g offset bound (x, y, z), g: each simulated unit draws its offset uniformly within it.</summary>
    public required double[] ZeroGOffsetG { get; init; }
    public required double OffsetDriftGPerDegree { get; init; }
    public double SensitivityTolerance { get; init; } = 0.02;
    public double CrossAxis { get; init; } = 0.01;

    public double Sensitivity => CountsPerG[RangeG];

    /// <summary>InvenSense MPU-6050: accelerometer at ≤ 1 kHz, DLPF 5–260 Hz, 400 µg/√Hz, zero-g ±50 mg (x, y) / ±80 mg (z),
    /// ±35/±60 mg over 0–70 °C, sensitivity 16384/8192/4096/2048 LSB/g, ±3 % calibration tolerance.</summary>
    public static ImuSensor Mpu6050(double odrHz = 1000, int rangeG = 4, double? bandwidthHz = null) => Validate(new ImuSensor
    {
        Name = "mpu6050",
        OdrHz = odrHz,
        MaxOdrHz = 1000,
        RangeG = rangeG,
        CountsPerG = new Dictionary<int, double> { [2] = 16384, [4] = 8192, [8] = 4096, [16] = 2048 },
        BandwidthHz = bandwidthHz ?? Math.Min(260, 0.45 * odrHz),
        FilterOrder = 2,
        NoiseDensityGPerRootHz = 400e-6,
        ZeroGOffsetG = [0.050, 0.050, 0.080],
        OffsetDriftGPerDegree = 0.035 / 70,
        SensitivityTolerance = 0.03,
        CrossAxis = 0.02,
    });

    /// <summary>ST LSM6DS3: accelerometer up to 6.66 kHz (6664 Hz here, as in the CWRU evaluation), 0.061/0.122/0.244/0.488
    /// mg/LSB, high-performance noise ≈ 90 µg/√Hz, zero-g ±40 mg. Anti-alias bandwidth defaults to 0.45 × ODR (the
    /// chip also offers 400/200/100/50 Hz analog bandwidths: pass one with --bandwidth-hz).</summary>
    public static ImuSensor Lsm6ds3(double odrHz = 6664, int rangeG = 4, double? bandwidthHz = null) => Validate(new ImuSensor
    {
        Name = "lsm6ds3",
        OdrHz = odrHz,
        MaxOdrHz = 6664,
        RangeG = rangeG,
        CountsPerG = new Dictionary<int, double> { [2] = 1 / 0.061e-3, [4] = 1 / 0.122e-3, [8] = 1 / 0.244e-3, [16] = 1 / 0.488e-3 },
        BandwidthHz = bandwidthHz ?? 0.45 * odrHz,
        FilterOrder = 4,
        NoiseDensityGPerRootHz = 90e-6,
        ZeroGOffsetG = [0.040, 0.040, 0.040],
        OffsetDriftGPerDegree = 0.1e-3,
        SensitivityTolerance = 0.02,
        CrossAxis = 0.01,
    });

    public static ImuSensor ByName(string name, double? odrHz, int rangeG, double? bandwidthHz) => name switch
    {
        "mpu6050" => Mpu6050(odrHz ?? 1000, rangeG, bandwidthHz),
        "lsm6ds3" => Lsm6ds3(odrHz ?? 6664, rangeG, bandwidthHz),
        _ => throw new ArgumentException($"unknown sensor '{name}' (mpu6050 or lsm6ds3)"),
    };

    private static ImuSensor Validate(ImuSensor s)
    {
        if (!s.CountsPerG.ContainsKey(s.RangeG)) throw new ArgumentException($"{s.Name}: range ±{s.RangeG} g is not one of ±2/4/8/16 g");
        if (s.OdrHz <= 0 || s.OdrHz > s.MaxOdrHz) throw new ArgumentException($"{s.Name}: ODR {s.OdrHz} Hz outside (0, {s.MaxOdrHz}] Hz");
        if (s.BandwidthHz <= 0 || s.BandwidthHz >= s.OdrHz / 2)
            throw new ArgumentException($"{s.Name}: bandwidth {s.BandwidthHz} Hz must lie below ODR/2");
        return s;
    }
}

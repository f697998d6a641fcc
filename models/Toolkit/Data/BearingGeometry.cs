namespace TinyMl.Toolkit.Data;

/// <summary>Characteristic defect frequencies of a rolling-element bearing, as multiples of the shaft frequency.</summary>
/// <remarks>
/// With n rolling elements of diameter d on pitch diameter D at contact angle φ, and ρ = (d/D)·cos φ:
/// FTF (cage) = ½(1 − ρ); BPFO (outer race) = (n/2)(1 − ρ); BPFI (inner race) = (n/2)(1 + ρ);
/// BSF (ball spin) = (D/2d)(1 − ρ²). A ball defect strikes both races once per spin turn: impacts at 2·BSF,
/// its load (and so its amplitude) turning with the cage at FTF.
/// </remarks>
public sealed record BearingGeometry(int Balls, double BallDiameterMm, double PitchDiameterMm, double ContactAngleDeg)
{
    /// <summary>SKF 6205-2RS JEM (CWRU drive end): 9 balls, 7.94 mm on 39.04 mm, 0°.</summary>
    public static BearingGeometry Skf6205 { get; } = new(9, 7.94, 39.04, 0);

    private double Rho => BallDiameterMm / PitchDiameterMm * Math.Cos(ContactAngleDeg * Math.PI / 180);

    public double FtfOrder => 0.5 * (1 - Rho);
    public double BpfoOrder => 0.5 * Balls * (1 - Rho);
    public double BpfiOrder => 0.5 * Balls * (1 + Rho);
    public double BsfOrder => PitchDiameterMm / (2 * BallDiameterMm) * (1 - Rho * Rho);
}

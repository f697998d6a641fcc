namespace TinyMl.Toolkit.Data;

/// <summary>
/// One recording of a machine: its length, faults and operating point. Speed wanders (an Ornstein–Uhlenbeck process of
/// relative standard deviation <see cref="SpeedWander"/>, time constant 5 s) and drops with load (induction-motor slip);
/// load swings slowly around its mean; the machine warms from ambient with time constant <see cref="WarmUpTauSeconds"/>,
/// the recording starting <see cref="WarmUpAtStartSeconds"/> into the warm-up.
/// </summary>
public sealed record MachineRun
{
    public double DurationSeconds { get; init; } = 60;
    public double Rpm { get; init; } = 1800;
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    public double SpeedWander { get; init; } = 0.004;
    public double SlipPerLoad { get; init; } = 0.02;
    public double LoadMean { get; init; } = 0.6;
    public double LoadSwing { get; init; } = 0.2;
    public double AmbientC { get; init; } = 22;
    public double WarmRiseC { get; init; } = 25;
    public double WarmUpTauSeconds { get; init; } = 900;
    public double WarmUpAtStartSeconds { get; init; } = 0;

    public double TemperatureAt(double t) => AmbientC + WarmRiseC * (1 - Math.Exp(-(t + WarmUpAtStartSeconds) / WarmUpTauSeconds));
}

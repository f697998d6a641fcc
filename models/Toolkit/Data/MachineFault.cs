namespace TinyMl.Toolkit.Data;

/// <summary>What can be wrong with the simulated machine.</summary>
public enum MachineFault
{
    None,
    Imbalance,
    Misalignment,
    Looseness,
    OuterRace,
    InnerRace,
    Ball,
}

/// <summary>A fault of a given severity (1 = severe) present from <paramref name="OnsetSeconds"/>, growing linearly to full
/// severity over <paramref name="GrowthSeconds"/> (0: at once).</summary>
public sealed record FaultSpec(MachineFault Kind, double Severity, double OnsetSeconds = 0, double GrowthSeconds = 0)
{
    public double SeverityAt(double t) =>
        t < OnsetSeconds ? 0 : GrowthSeconds <= 0 ? Severity : Severity * Math.Min(1, (t - OnsetSeconds) / GrowthSeconds);

    /// <summary>The snake_case name used in file names and metadata.</summary>
    public static string Name(MachineFault kind) => kind switch
    {
        MachineFault.None => "none",
        MachineFault.Imbalance => "imbalance",
        MachineFault.Misalignment => "misalignment",
        MachineFault.Looseness => "looseness",
        MachineFault.OuterRace => "outer_race",
        MachineFault.InnerRace => "inner_race",
        MachineFault.Ball => "ball",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static MachineFault Parse(string name) =>
        Enum.GetValues<MachineFault>().FirstOrDefault(k => Name(k) == name, (MachineFault)(-1)) is var k && (int)k >= 0
            ? k
            : throw new ArgumentException($"unknown fault '{name}' (none, imbalance, misalignment, looseness, outer_race, inner_race, ball)");
}

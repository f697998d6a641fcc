using System.Globalization;

namespace TinyMlDevice.Simulator.Faults;

/// <summary>What can go wrong on the simulated board.</summary>
public enum FaultKind
{
    /// <summary>The IMU does not acknowledge its address for the next N transfers (default 3: more than the driver's retries).</summary>
    I2cNack,
    /// <summary>The next N transfers to the IMU end in a clock-stretch timeout, each taking the driver's timeout.</summary>
    I2cTimeout,
    /// <summary>The IMU loses power for N seconds (default 3), then comes back in its power-on state.</summary>
    ImuUnplug,
    /// <summary>The main loop is held up long enough for the IMU FIFO to overflow (its fill time + 50 ms, or N ms).</summary>
    FifoOverflow,
    /// <summary>The main loop is held up for N ms (a long flash write, a collection): every buffer keeps filling.</summary>
    Stall,
    /// <summary>The I2S DMA delivers no frames for N ms (default 300): the microphone's audio of that time never arrives.</summary>
    I2sUnderrun,
    /// <summary>The BLE link drops during the next notification; the client reconnects N seconds later (default 5).</summary>
    BleDisconnect,
    /// <summary>
    /// The image's keyword model is corrupted (truncated to 60%). At 0 s the device boots with it; later, the running
    /// configuration is applied again (what a Control reload write will do), which loads the model anew.
    /// </summary>
    ModelCorrupt,
}

/// <summary>One scripted fault: what, when (virtual seconds), and its optional argument.</summary>
public sealed record FaultInjection(FaultKind Kind, double AtS, double? Argument)
{
    public static readonly IReadOnlyDictionary<string, FaultKind> Names = new Dictionary<string, FaultKind>(StringComparer.Ordinal)
    {
        ["i2c-nack"] = FaultKind.I2cNack,
        ["i2c-timeout"] = FaultKind.I2cTimeout,
        ["imu-unplug"] = FaultKind.ImuUnplug,
        ["fifo-overflow"] = FaultKind.FifoOverflow,
        ["stall"] = FaultKind.Stall,
        ["i2s-underrun"] = FaultKind.I2sUnderrun,
        ["ble-disconnect"] = FaultKind.BleDisconnect,
        ["model-corrupt"] = FaultKind.ModelCorrupt,
    };

    public string Name => Names.First(n => n.Value == Kind).Key;

    /// <summary>KIND@SECONDS[:ARG], e.g. "imu-unplug@40:3" (unplugged at 40 s for 3 s).</summary>
    public static FaultInjection Parse(string text)
    {
        int at = text.IndexOf('@');
        if (at <= 0)
        {
            throw new FormatException($"fault '{text}': expected KIND@SECONDS[:ARG] with KIND one of {string.Join(", ", Names.Keys)}");
        }

        string name = text[..at];
        if (!Names.TryGetValue(name, out FaultKind kind))
        {
            throw new FormatException($"fault '{text}': unknown kind '{name}' (one of {string.Join(", ", Names.Keys)})");
        }

        string rest = text[(at + 1)..];
        int colon = rest.IndexOf(':');
        string timeText = colon < 0 ? rest : rest[..colon];
        if (!double.TryParse(timeText, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0))
        {
            throw new FormatException($"fault '{text}': '{timeText}' is not a time in seconds");
        }

        double? argument = null;
        if (colon >= 0)
        {
            if (!double.TryParse(rest[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0))
            {
                throw new FormatException($"fault '{text}': '{rest[(colon + 1)..]}' is not a positive number");
            }

            argument = value;
        }

        return new FaultInjection(kind, seconds, argument);
    }

    public override string ToString() =>
        $"{Name}@{AtS.ToString(CultureInfo.InvariantCulture)}{(Argument is double a ? ":" + a.ToString(CultureInfo.InvariantCulture) : "")}";
}

/// <summary>A scripted client write: at AtS seconds, Bytes to Control or ModelUpdate.</summary>
public sealed record ScriptedWrite(double AtS, string Target, byte[] Bytes)
{
    /// <summary>SECONDS:control|model-update:HEX, e.g. "30:control:0102".</summary>
    public static ScriptedWrite Parse(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || !(seconds >= 0) || parts[1] is not ("control" or "model-update"))
        {
            throw new FormatException($"write '{text}': expected SECONDS:control|model-update:HEX");
        }

        try
        {
            return new ScriptedWrite(seconds, parts[1], Convert.FromHexString(parts[2]));
        }
        catch (FormatException)
        {
            throw new FormatException($"write '{text}': '{parts[2]}' is not hexadecimal bytes");
        }
    }
}

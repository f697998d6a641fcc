using System.Globalization;
using System.IO.Compression;

namespace TinyMlDevice.Simulator.Sensors;

/// <summary>
/// Acceleration the simulated IMU feels, in g, from a vibration CSV in the toolkit's layout (docs/TOOLKIT.md):
/// `# key=value` comment lines (sample_rate_hz required), a header of 1 to 3 axis names, one sample per row. Columns
/// named x, y, z go to those axes; otherwise they fill x, y, z in order (a single column is z, the axis that carries
/// gravity and most of the bearing signal); a missing axis reads 0 g. A file ending in .gz is read through gzip.
/// </summary>
public sealed class VibrationRecording
{
    private readonly float[]?[] _axes; // x, y, z; null for an absent axis

    private VibrationRecording(string name, double rateHz, float[]?[] axes, int length, IReadOnlyDictionary<string, string> properties)
    {
        Name = name;
        SampleRateHz = rateHz;
        _axes = axes;
        Length = length;
        Properties = properties;
    }

    public string Name { get; }

    public double SampleRateHz { get; }

    public int Length { get; }

    public double DurationS => Length / SampleRateHz;

    /// <summary>The comment lines' key=value pairs (sample_rate_hz, fault_onset_s, sensor, …).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>fault_onset_s of a developing-fault run, or null.</summary>
    public double? FaultOnsetS => Number("fault_onset_s");

    public double? FaultGrowthS => Number("fault_growth_s");

    /// <summary>
    /// Acceleration on axis (0 x, 1 y, 2 z) at time seconds: linear interpolation between rows, the recording repeating
    /// from its start once it ends (the machine keeps running as recorded).
    /// </summary>
    public double At(int axis, double seconds)
    {
        float[]? values = _axes[axis];
        if (values == null)
        {
            return 0;
        }

        double position = seconds * SampleRateHz;
        long whole = (long)Math.Floor(position);
        double fraction = position - whole;
        int i = (int)(((whole % Length) + Length) % Length);
        if (fraction == 0)
        {
            return values[i];
        }

        int next = i + 1 == Length ? 0 : i + 1;
        return values[i] + (values[next] - values[i]) * fraction;
    }

    /// <summary>The value of row index on axis (exact, no interpolation), repeating past the end.</summary>
    public float Row(int axis, long index)
    {
        float[]? values = _axes[axis];
        return values == null ? 0 : values[(int)(((index % Length) + Length) % Length)];
    }

    public static VibrationRecording Read(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using StreamReader reader = new(stream);
        return Parse(reader, Path.GetFileName(path));
    }

    public static VibrationRecording Parse(TextReader reader, string name)
    {
        Dictionary<string, string> properties = new(StringComparer.Ordinal);
        string? line;
        int lineNumber = 0;
        string[]? header = null;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith('#'))
            {
                int equals = trimmed.IndexOf('=');
                if (equals > 1)
                {
                    properties[trimmed[1..equals].Trim()] = trimmed[(equals + 1)..].Trim();
                }

                continue;
            }

            header = trimmed.Split(',').Select(h => h.Trim()).ToArray();
            break;
        }

        if (header == null)
        {
            throw new InvalidDataException($"{name}: no header line (1 to 3 axis names) before the samples");
        }

        if (header.Length is < 1 or > 3 || header.Any(h => h.Length == 0 || double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new InvalidDataException($"{name}: line {lineNumber}: expected 1 to 3 axis names, found '{line}'");
        }

        if (!properties.TryGetValue("sample_rate_hz", out string? rateText) ||
            !double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate > 0))
        {
            throw new InvalidDataException($"{name}: missing or invalid '# sample_rate_hz=N' line");
        }

        int[] target = AxisTargets(header);
        List<float>[] columns = header.Select(_ => new List<float>()).ToArray();
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"{name}: line {lineNumber} has {cells.Length} columns, the header names {header.Length}");
            }

            for (int c = 0; c < cells.Length; c++)
            {
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new InvalidDataException($"{name}: line {lineNumber} column {c + 1}: '{cells[c]}' is not a finite number");
                }

                columns[c].Add(value);
            }
        }

        if (columns[0].Count == 0)
        {
            throw new InvalidDataException($"{name}: no samples after the header");
        }

        float[]?[] axes = new float[3][];
        for (int c = 0; c < columns.Length; c++)
        {
            axes[target[c]] = columns[c].ToArray();
        }

        return new VibrationRecording(name, rate, axes, columns[0].Count, properties);
    }

    private static int[] AxisTargets(string[] header)
    {
        int[] byName = header.Select(h => h.ToLowerInvariant() switch { "x" => 0, "y" => 1, "z" => 2, _ => -1 }).ToArray();
        if (byName.All(a => a >= 0) && byName.Distinct().Count() == byName.Length)
        {
            return byName;
        }

        return header.Length == 1 ? new[] { 2 } : Enumerable.Range(0, header.Length).ToArray();
    }

    private double? Number(string key) =>
        Properties.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : null;
}

using System.Globalization;
using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>
/// The vibration CSV layout of ARCHITECTURE.md: "# key=value" comment lines (sample_rate_hz among them), a header of
/// 1–3 axis names, then one sample per row (comma-separated, in g). Blank lines are ignored. Every defect is a
/// <see cref="DataFormatException"/> naming the file, the line and what is wrong.
/// </summary>
public static class VibrationCsv
{
    public const string SampleRateKey = "sample_rate_hz";

    /// <param name="defaultRateHz">The rate to assume when the file has no sample_rate_hz line; null makes that an error.</param>
    public static VibrationRecording Read(string path, double? defaultRateHz = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{path}: cannot read ({e.Message})");
        }
        return Parse(text, path, defaultRateHz);
    }

    public static VibrationRecording Parse(string text, string name = "csv", double? defaultRateHz = null)
    {
        if (text.Length == 0) throw new DataFormatException($"{name}: empty file");
        var properties = new List<KeyValuePair<string, string>>();
        double? rate = null;
        string[]? axes = null;
        List<float>[]? columns = null;
        var lineNumber = 0;
        var position = 0;
        var lastRowLine = 0;
        var lastLineTerminated = true;
        var lastRowShort = false;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var terminated = end >= 0;
            if (!terminated) end = text.Length;
            var line = text.AsSpan(position, end - position).TrimEnd('\r').Trim();
            position = end + 1;
            lineNumber++;
            if (line.IsEmpty) continue;
            if (line[0] == '#')
            {
                var body = line[1..].Trim();
                var eq = body.IndexOf('=');
                if (eq <= 0) continue; // free text comment
                var key = body[..eq].Trim().ToString();
                var value = body[(eq + 1)..].Trim().ToString();
                if (key == SampleRateKey)
                {
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !double.IsFinite(r) || r <= 0)
                        throw new DataFormatException($"{name}: line {lineNumber}: invalid sample rate '{value}' (a positive number of Hz expected)");
                    if (rate is { } previous && previous != r)
                        throw new DataFormatException($"{name}: line {lineNumber}: sample rate {value} contradicts {previous.ToString(CultureInfo.InvariantCulture)} given before");
                    rate = r;
                }
                else
                {
                    properties.Add(new(key, value));
                }
                continue;
            }
            if (axes is null)
            {
                var names = line.ToString().Split(',').Select(n => n.Trim()).ToArray();
                if (names.All(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                    throw new DataFormatException($"{name}: no header: line {lineNumber} holds numbers where 1–3 axis names are expected");
                if (names.Length > 3)
                    throw new DataFormatException($"{name}: line {lineNumber}: header has {names.Length} columns (1–3 axis names expected)");
                if (names.Any(n => n.Length == 0))
                    throw new DataFormatException($"{name}: line {lineNumber}: header has an empty axis name");
                axes = names;
                columns = names.Select(_ => new List<float>()).ToArray();
                continue;
            }
            var fieldCount = line.Count(',') + 1;
            lastRowLine = lineNumber;
            lastLineTerminated = terminated;
            lastRowShort = fieldCount < axes.Length;
            if (fieldCount != axes.Length)
            {
                if (!terminated && fieldCount < axes.Length) break; // reported as truncated below
                throw new DataFormatException($"{name}: line {lineNumber} has {fieldCount} columns (the header names {axes.Length})");
            }
            var rest = line;
            for (var c = 0; c < axes.Length; c++)
            {
                var comma = rest.IndexOf(',');
                var field = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    if (!terminated && (field.IsEmpty || c == axes.Length - 1 && IsNumberPrefix(field)))
                        throw Truncated(name, lineNumber);
                    throw new DataFormatException($"{name}: line {lineNumber} column {c + 1} ({axes[c]}): '{field.ToString()}' is not a finite number");
                }
                columns![c].Add(value);
            }
        }
        if (axes is null)
            throw new DataFormatException(lineNumber == 0 || properties.Count == 0 && rate is null
                ? $"{name}: empty file"
                : $"{name}: no header (only comment lines)");
        if (!lastLineTerminated && lastRowShort) throw Truncated(name, lastRowLine);
        if (columns![0].Count == 0) throw new DataFormatException($"{name}: no samples after the header");
        rate ??= defaultRateHz ?? throw new DataFormatException($"{name}: missing sample rate (no '# {SampleRateKey}=N' line)");
        return new VibrationRecording
        {
            SampleRateHz = rate.Value,
            Axes = axes,
            Channels = columns.Select(c => c.ToArray()).ToArray(),
            Properties = properties,
        };
    }

    /// <summary>Writes the layout: sample rate, the other properties, header, rows; values as given by <paramref name="format"/>.</summary>
    public static void Write(string path, VibrationRecording recording, string format = "0.######")
    {
        if (recording.Axes.Length is < 1 or > 3 || recording.Channels.Length != recording.Axes.Length)
            throw new ArgumentException("a recording has 1–3 axes, one channel each");
        if (recording.Channels.Any(c => c.Length != recording.Length)) throw new ArgumentException("channels differ in length");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var inv = CultureInfo.InvariantCulture;
        writer.Write($"# {SampleRateKey}={recording.SampleRateHz.ToString("R", inv)}\n");
        foreach (var (key, value) in recording.Properties) writer.Write($"# {key}={value}\n");
        writer.Write(string.Join(",", recording.Axes));
        writer.Write('\n');
        var builder = new StringBuilder(64);
        for (var i = 0; i < recording.Length; i++)
        {
            builder.Clear();
            for (var c = 0; c < recording.Channels.Length; c++)
            {
                if (c > 0) builder.Append(',');
                builder.Append(recording.Channels[c][i].ToString(format, inv));
            }
            builder.Append('\n');
            writer.Write(builder);
        }
    }

    private static DataFormatException Truncated(string name, int line) =>
        new($"{name}: line {line} (the last) is truncated: the file ends without a newline inside a row");

    // A field the writer could have been cut off inside: "-", "1.", "2e", "3e-".
    private static bool IsNumberPrefix(ReadOnlySpan<char> field) =>
        field.Length > 0 && field.IndexOfAnyExcept("0123456789+-.eE") < 0;
}

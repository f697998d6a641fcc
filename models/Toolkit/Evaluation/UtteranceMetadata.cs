using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Evaluation;

/// <summary>
/// The per-utterance metadata.csv a synthesized corpus carries at its root (tinyml data kws): a header row whose
/// first column is "path" (relative to the corpus folder), then one row per clip (engine, voice, gender, accent,
/// rate, snr_db, ...). Plain comma-separated values; a field may be double-quoted.
/// </summary>
public sealed class UtteranceMetadata
{
    public const string FileName = "metadata.csv";

    /// <summary>Columns reported as groups by default, when present (others with --group-by).</summary>
    public static readonly string[] DefaultGroupColumns = ["engine", "voice", "gender", "accent", "rate", "noise", "snr_db"];

    private readonly Dictionary<string, string[]> _rows;

    private UtteranceMetadata(string[] columns, Dictionary<string, string[]> rows)
    {
        Columns = columns;
        _rows = rows;
    }

    public string[] Columns { get; }

    /// <summary>The metadata beside a corpus folder, or null when it has none.</summary>
    public static UtteranceMetadata? TryLoad(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Load(path) : null;
    }

    public static UtteranceMetadata Load(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new DataFormatException($"{path}: empty");
        var columns = Split(lines[0]);
        if (columns.Length == 0 || columns[0] != "path") throw new DataFormatException($"{path}: the first column must be 'path'");
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = Split(lines[i]);
            if (fields.Length != columns.Length)
                throw new DataFormatException($"{path}:{i + 1}: {fields.Length} fields for {columns.Length} columns");
            rows[Normalize(fields[0])] = fields;
        }
        return new UtteranceMetadata(columns, rows);
    }

    /// <summary>A clip's value in a column ("" when the clip or the column is unknown).</summary>
    public string Value(string relativePath, string column)
    {
        var c = Array.IndexOf(Columns, column);
        return c >= 0 && _rows.TryGetValue(Normalize(relativePath), out var row) ? row[c] : "";
    }

    public bool Has(string relativePath) => _rows.ContainsKey(Normalize(relativePath));

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields.ToArray();
    }
}

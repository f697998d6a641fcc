using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TinyMl.Toolkit.Model;
using S = TinyMl.Toolkit.Tflite.TfliteSchema;

namespace TinyMl.Toolkit.Tflite;

/// <summary>
/// What the toolkit wrote beside the graph of a .tflite: the description and the "tinyml" metadata buffer (labels,
/// the float model's metadata such as feature settings, calibration notes). Reads only those fields, every position
/// bounds-checked; the graph itself is the engine's to read.
/// </summary>
public sealed class TfliteMetadata
{
    public string Description { get; init; } = "";
    public string[] Labels { get; init; } = [];
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Calibration { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Whether the file carries a "tinyml" metadata buffer (models from elsewhere do not).</summary>
    public bool HasToolkitMetadata { get; init; }

    public static TfliteMetadata Read(byte[] file, string name = "model")
    {
        try
        {
            return Parse(file);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new ModelException($"{name}: {e.Message}");
        }
    }

    private static TfliteMetadata Parse(byte[] file)
    {
        var r = new Reader(file);
        if (file.Length < 8 || Encoding.ASCII.GetString(file, 4, 4) != S.FileIdentifier)
            throw new FormatException("not a TFLite file (no \"TFL3\" identifier)");
        var model = r.Deref(0);
        var description = r.String(model, S.ModelField.Description) ?? "";
        string? json = null;
        var buffers = r.Vector(model, S.ModelField.Buffers);
        foreach (var entry in r.Tables(model, S.ModelField.Metadata))
        {
            if (r.String(entry, S.MetadataField.Name) != TfliteWriter.MetadataName) continue;
            var index = r.UInt32(entry, S.MetadataField.Buffer);
            if (buffers is not { } b || index >= b.Count) throw new FormatException($"metadata buffer {index} does not exist");
            var buffer = r.Deref(b.Start + 4 * (int)index);
            json = r.Vector(buffer, S.BufferField.Data) is { } data ? Encoding.UTF8.GetString(file, data.Start, data.Count) : "";
        }
        if (json is null) return new TfliteMetadata { Description = description };
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("tinyml metadata is not a JSON object");
        if ((string?)root["format"] != TfliteWriter.MetadataFormat)
            throw new FormatException($"tinyml metadata format '{(string?)root["format"]}' is not {TfliteWriter.MetadataFormat}");
        var result = new TfliteMetadata
        {
            Description = description,
            HasToolkitMetadata = true,
            Labels = root["labels"]?.AsArray().Select(n => (string)n!).ToArray() ?? [],
        };
        foreach (var (k, v) in root["metadata"]?.AsObject() ?? new JsonObject()) result.Metadata[k] = (string?)v ?? "";
        foreach (var (k, v) in root["calibration"]?.AsObject() ?? new JsonObject()) result.Calibration[k] = (string?)v ?? "";
        return result;
    }

    private readonly record struct Span(int Start, int Count);

    // Bounds-checked FlatBuffer reading: tables, fields through vtables, vectors and strings.
    private sealed class Reader(byte[] bytes)
    {
        private int Int(long at)
        {
            if (at < 0 || at + 4 > bytes.Length) throw new FormatException($"position {at} lies outside the {bytes.Length}-byte file");
            return BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)at));
        }

        private ushort UShort(long at)
        {
            if (at < 0 || at + 2 > bytes.Length) throw new FormatException($"position {at} lies outside the file");
            return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)at));
        }

        /// <summary>The target of the uoffset stored at `at`.</summary>
        public int Deref(long at)
        {
            var target = at + (uint)Int(at);
            if (target >= bytes.Length) throw new FormatException($"offset at {at} points outside the file");
            return (int)target;
        }

        /// <summary>Position of a field's value, or -1 when absent.</summary>
        private long Field(int table, int id)
        {
            long vtable = table - (long)Int(table);
            var vtableSize = UShort(vtable);
            var slot = 4 + 2 * id;
            if (slot + 2 > vtableSize) return -1;
            var at = UShort(vtable + slot);
            return at == 0 ? -1 : table + at;
        }

        public uint UInt32(int table, int id) => Field(table, id) is var at and >= 0 ? (uint)Int(at) : 0;

        public Span? Vector(int table, int id)
        {
            if (Field(table, id) is not (var at and >= 0)) return null;
            var start = Deref(at);
            var count = Int(start);
            if (count < 0 || start + 4L + count > bytes.Length) throw new FormatException($"vector at {start} runs past the file");
            return new Span(start + 4, count);
        }

        public string? String(int table, int id) =>
            Vector(table, id) is { } s ? Encoding.UTF8.GetString(bytes, s.Start, s.Count) : null;

        public IEnumerable<int> Tables(int table, int id)
        {
            if (Vector(table, id) is not { } v) yield break;
            if (v.Start + 4L * v.Count > bytes.Length) throw new FormatException("table vector runs past the file");
            for (var i = 0; i < v.Count; i++) yield return Deref(v.Start + 4L * i);
        }
    }
}

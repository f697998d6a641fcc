using System.Text.Json;
using System.Text.Json.Nodes;

namespace TinyMl.Toolkit.Model;

/// <summary>
/// A sequential float model: input shape, layers in order, output labels and free-form metadata (feature
/// settings, training provenance). Saved as one JSON file (".tmf") with weights as base64 little-endian float32.
/// </summary>
public sealed class FloatModel
{
    public int[] InputShape { get; set; } = [];
    public List<Layer> Layers { get; set; } = [];
    public string[] Labels { get; set; } = [];
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The input shape of every layer, then the model's output shape (Layers.Count + 1 entries).</summary>
    public List<int[]> Shapes()
    {
        var shapes = new List<int[]> { InputShape };
        foreach (var layer in Layers)
            shapes.Add(layer.OutputShape(shapes[^1]));
        return shapes;
    }

    public int[] OutputShape => Shapes()[^1];

    public long Macs()
    {
        var shapes = Shapes();
        return Layers.Select((l, i) => l.Macs(shapes[i])).Sum();
    }

    public long ParameterCount() => Layers.Sum(l => l switch
    {
        Conv2D c => (long)c.Weights.Length + c.Bias.Length,
        DepthwiseConv2D d => (long)d.Weights.Length + d.Bias.Length,
        Dense d => (long)d.Weights.Length + d.Bias.Length,
        BatchNorm b => 4L * b.Gamma.Length,
        _ => 0L,
    });

    /// <summary>Checks every shape and parameter length; throws ModelException naming the layer.</summary>
    public void Validate()
    {
        if (InputShape.Length == 0 || InputShape.Any(d => d < 1))
            throw new ModelException($"input shape [{string.Join(", ", InputShape)}] is not positive");
        var shapes = Shapes();
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var input = shapes[i];
            void Expect(string what, float[] values, long length)
            {
                if (values.Length != length)
                    throw new ModelException($"layer {i} '{layer.Name}': {what} has {values.Length} values, expected {length}");
            }
            switch (layer)
            {
                case Conv2D c:
                    Expect("weights", c.Weights, (long)c.OutChannels * c.KernelH * c.KernelW * input[2]);
                    Expect("bias", c.Bias, c.OutChannels);
                    break;
                case DepthwiseConv2D d:
                    Expect("weights", d.Weights, (long)d.KernelH * d.KernelW * input[2] * d.Multiplier);
                    Expect("bias", d.Bias, (long)input[2] * d.Multiplier);
                    break;
                case Dense d:
                    Expect("weights", d.Weights, (long)d.Units * global::TinyMl.Toolkit.Model.Shapes.Count(input));
                    Expect("bias", d.Bias, d.Units);
                    break;
                case BatchNorm b:
                    var channels = input[^1];
                    Expect("gamma", b.Gamma, channels);
                    Expect("beta", b.Beta, channels);
                    Expect("mean", b.Mean, channels);
                    Expect("variance", b.Variance, channels);
                    break;
            }
        }
        if (Labels.Length > 0 && global::TinyMl.Toolkit.Model.Shapes.Count(shapes[^1]) != Labels.Length)
            throw new ModelException($"{Labels.Length} labels for an output of [{string.Join(", ", shapes[^1])}]");
    }

    // ---- persistence ----

    public const string FileFormat = "tinyml-float-model/1";

    public void Save(string path) => File.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public static FloatModel Load(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ModelException($"{path}: not a float model file ({e.Message})");
        }
        var model = FromJson(root as JsonObject ?? throw new ModelException($"{path}: not a float model file"));
        model.Validate();
        return model;
    }

    public FloatModel Clone() => FromJson(ToJson());

    private JsonObject ToJson()
    {
        var layers = new JsonArray();
        foreach (var layer in Layers)
        {
            var o = new JsonObject { ["type"] = layer.GetType().Name, ["name"] = layer.Name };
            foreach (var p in layer.GetType().GetProperties().Where(p => p.Name != nameof(Layer.Name)))
            {
                var v = p.GetValue(layer);
                o[Camel(p.Name)] = v switch
                {
                    float[] f => Base64(f),
                    int i => i,
                    float f => f,
                    Enum e => e.ToString(),
                    _ => throw new ModelException($"cannot save property {p.Name} of {layer.GetType().Name}"),
                };
            }
            layers.Add(o);
        }
        var metadata = new JsonObject();
        foreach (var (k, v) in Metadata) metadata[k] = v;
        return new JsonObject
        {
            ["format"] = FileFormat,
            ["inputShape"] = new JsonArray(InputShape.Select(d => (JsonNode)d).ToArray()),
            ["labels"] = new JsonArray(Labels.Select(l => (JsonNode)l).ToArray()),
            ["metadata"] = metadata,
            ["layers"] = layers,
        };
    }

    private static FloatModel FromJson(JsonObject root)
    {
        if ((string?)root["format"] != FileFormat)
            throw new ModelException($"unknown model format '{(string?)root["format"]}' (expected {FileFormat})");
        var model = new FloatModel
        {
            InputShape = root["inputShape"]?.AsArray().Select(n => (int)n!).ToArray() ?? throw new ModelException("inputShape missing"),
            Labels = root["labels"]?.AsArray().Select(n => (string)n!).ToArray() ?? [],
        };
        foreach (var (k, v) in root["metadata"]?.AsObject() ?? new JsonObject())
            model.Metadata[k] = (string?)v ?? "";
        foreach (var node in root["layers"]?.AsArray() ?? throw new ModelException("layers missing"))
        {
            var o = node!.AsObject();
            var typeName = (string?)o["type"];
            var type = typeof(Layer).Assembly.GetType($"{typeof(Layer).Namespace}.{typeName}");
            if (type is null || !type.IsSubclassOf(typeof(Layer)))
                throw new ModelException($"unknown layer type '{typeName}'");
            var layer = (Layer)Activator.CreateInstance(type)!;
            layer.Name = (string?)o["name"] ?? "";
            foreach (var p in type.GetProperties().Where(p => p.Name != nameof(Layer.Name)))
            {
                var v = o[Camel(p.Name)];
                if (v is null) continue;
                object value = p.PropertyType switch
                {
                    var t when t == typeof(float[]) => FromBase64((string)v!),
                    var t when t == typeof(int) => (int)v,
                    var t when t == typeof(float) => (float)v,
                    var t when t.IsEnum => Enum.Parse(t, (string)v!),
                    _ => throw new ModelException($"cannot load property {p.Name}"),
                };
                p.SetValue(layer, value);
            }
            model.Layers.Add(layer);
        }
        return model;
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static string Base64(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian host");
        return Convert.ToBase64String(bytes);
    }

    private static float[] FromBase64(string s)
    {
        var bytes = Convert.FromBase64String(s);
        if (bytes.Length % 4 != 0) throw new ModelException("weight data is not a whole number of floats");
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}

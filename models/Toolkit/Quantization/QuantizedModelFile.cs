using System.Text.Json;
using System.Text.Json.Nodes;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

/// <summary>
/// ".tqm" files: one JSON object holding a QuantizedModel (format "tinyml-int8-plan/1", described in
/// Quantization/README.md). Constant data is base64 of its little-endian bytes.
/// </summary>
public static class QuantizedModelFile
{
    public const string Format = "tinyml-int8-plan/1";

    public static void Save(QuantizedModel plan, string path)
    {
        plan.Validate();
        File.WriteAllText(path, ToJson(plan).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static QuantizedModel Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ModelException($"{path}: cannot read ({e.Message})");
        }
        try
        {
            var plan = FromJson(JsonNode.Parse(text) as JsonObject ?? throw new ModelException("not a JSON object"));
            plan.Validate();
            return plan;
        }
        catch (Exception e) when (e is JsonException or ModelException or FormatException or InvalidOperationException
                                      or ArgumentException or NullReferenceException)
        {
            throw new ModelException($"{path}: not a valid int8 plan ({e.Message})");
        }
    }

    public static JsonObject ToJson(QuantizedModel plan)
    {
        var tensors = new JsonArray();
        foreach (var t in plan.Tensors)
        {
            var o = new JsonObject
            {
                ["name"] = t.Name,
                ["type"] = t.Type.ToString(),
                ["shape"] = Ints(t.Shape),
            };
            if (t.Quantization is { } q)
            {
                o["scales"] = new JsonArray(q.Scales.Select(s => (JsonNode)s).ToArray());
                o["zeroPoints"] = new JsonArray(q.ZeroPoints.Select(z => (JsonNode)z).ToArray());
                o["quantizedDimension"] = q.Dimension;
            }
            if (t.Data is not null) o["data"] = Convert.ToBase64String(t.Data);
            tensors.Add(o);
        }
        var operators = new JsonArray();
        foreach (var op in plan.Operators)
        {
            var o = new JsonObject
            {
                ["op"] = op.Op.ToString(),
                ["layer"] = op.Layer,
                ["inputs"] = Ints(op.Inputs),
                ["outputs"] = Ints(op.Outputs),
            };
            switch (op.Op)
            {
                case QuantizedOp.Conv2D or QuantizedOp.DepthwiseConv2D or QuantizedOp.AveragePool2D:
                    o["padding"] = op.Padding.ToString();
                    o["strideH"] = op.StrideH;
                    o["strideW"] = op.StrideW;
                    if (op.Op == QuantizedOp.DepthwiseConv2D) o["depthMultiplier"] = op.DepthMultiplier;
                    if (op.Op == QuantizedOp.AveragePool2D)
                    {
                        o["filterH"] = op.FilterH;
                        o["filterW"] = op.FilterW;
                    }
                    break;
            }
            if (op.Op is QuantizedOp.Conv2D or QuantizedOp.DepthwiseConv2D or QuantizedOp.FullyConnected)
                o["activation"] = op.Activation.ToString();
            operators.Add(o);
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["labels"] = new JsonArray(plan.Labels.Select(l => (JsonNode)l).ToArray()),
            ["metadata"] = Strings(plan.Metadata),
            ["calibration"] = Strings(plan.Calibration),
            ["inputs"] = Ints(plan.Inputs),
            ["outputs"] = Ints(plan.Outputs),
            ["tensors"] = tensors,
            ["operators"] = operators,
        };
    }

    public static QuantizedModel FromJson(JsonObject root)
    {
        if ((string?)root["format"] != Format)
            throw new ModelException($"unknown plan format '{(string?)root["format"]}' (expected {Format})");
        var plan = new QuantizedModel
        {
            Labels = root["labels"]?.AsArray().Select(n => (string)n!).ToArray() ?? [],
            Inputs = IntArray(root["inputs"], "inputs"),
            Outputs = IntArray(root["outputs"], "outputs"),
        };
        foreach (var (k, v) in root["metadata"]?.AsObject() ?? new JsonObject()) plan.Metadata[k] = (string?)v ?? "";
        foreach (var (k, v) in root["calibration"]?.AsObject() ?? new JsonObject()) plan.Calibration[k] = (string?)v ?? "";
        foreach (var node in Required(root["tensors"], "tensors").AsArray())
        {
            var o = node!.AsObject();
            var t = new QuantizedTensor
            {
                Name = (string?)o["name"] ?? "",
                Type = Enum.Parse<QuantizedType>(Required(o["type"], "type").GetValue<string>()),
                Shape = IntArray(o["shape"], "shape"),
                Data = o["data"] is { } d ? Convert.FromBase64String((string)d!) : null,
            };
            if (o["scales"] is { } scales)
            {
                t.Quantization = new QuantParams(
                    scales.AsArray().Select(n => (float)n!).ToArray(),
                    Required(o["zeroPoints"], "zeroPoints").AsArray().Select(n => (long)n!).ToArray(),
                    (int?)o["quantizedDimension"] ?? 0);
            }
            plan.Tensors.Add(t);
        }
        foreach (var node in Required(root["operators"], "operators").AsArray())
        {
            var o = node!.AsObject();
            plan.Operators.Add(new QuantizedOperator
            {
                Op = Enum.Parse<QuantizedOp>(Required(o["op"], "op").GetValue<string>()),
                Layer = (string?)o["layer"] ?? "",
                Inputs = IntArray(o["inputs"], "inputs"),
                Outputs = IntArray(o["outputs"], "outputs"),
                Padding = o["padding"] is { } p ? Enum.Parse<Padding>((string)p!) : Padding.Valid,
                StrideH = (int?)o["strideH"] ?? 1,
                StrideW = (int?)o["strideW"] ?? 1,
                FilterH = (int?)o["filterH"] ?? 0,
                FilterW = (int?)o["filterW"] ?? 0,
                DepthMultiplier = (int?)o["depthMultiplier"] ?? 1,
                Activation = o["activation"] is { } a ? Enum.Parse<Activation>((string)a!) : Activation.None,
            });
        }
        return plan;
    }

    private static JsonNode Required(JsonNode? node, string what) => node ?? throw new ModelException($"'{what}' missing");

    private static int[] IntArray(JsonNode? node, string what) => Required(node, what).AsArray().Select(n => (int)n!).ToArray();

    private static JsonArray Ints(int[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static JsonObject Strings(Dictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}

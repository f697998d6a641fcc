using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Quantization;
using S = TinyMl.Toolkit.Tflite.TfliteSchema;

namespace TinyMl.Toolkit.Tflite;

public sealed class ExportOptions
{
    /// <summary>Float32 input and output around the int8 graph (QUANTIZE first, DEQUANTIZE last).</summary>
    public bool FloatIo { get; set; }

    public string Description { get; set; } = "tinyml toolkit: int8 post-training quantized model";

    /// <summary>
    /// Kernel-by-kernel testing: every operator reads a model input of its own (a copy of its input tensor) and
    /// writes a model output, so each can be compared with another runtime on identical inputs. Not for deployment.
    /// </summary>
    public bool IsolateOperators { get; set; }
}

/// <summary>
/// Writes a QuantizedModel as a TFLite FlatBuffer (schema version 3, identifier "TFL3"): one subgraph, buffer 0 the
/// empty sentinel, one buffer per constant tensor (data 16-byte aligned), operator codes with both
/// deprecated_builtin_code and builtin_code, and a "tinyml" metadata buffer holding labels and the model's settings
/// as JSON (TfliteMetadata reads it back).
/// </summary>
public static class TfliteWriter
{
    public const string MetadataName = "tinyml";
    public const string MetadataFormat = "tinyml-tflite-metadata/1";

    public static byte[] Write(QuantizedModel plan, ExportOptions? options = null)
    {
        options ??= new ExportOptions();
        plan.Validate();
        var graph = Graph.From(plan, options.FloatIo, options.IsolateOperators);
        var fb = new FlatBufferBuilder(64 * 1024 + (int)Math.Min(plan.ConstantBytes * 2, int.MaxValue / 4));

        // Buffers: 0 is the empty sentinel, then each constant tensor's data, then the metadata.
        var bufferData = new List<byte[]?> { null };
        var tensorBuffer = new uint[graph.Tensors.Count];
        for (var i = 0; i < graph.Tensors.Count; i++)
        {
            if (graph.Tensors[i].Data is not { } data) continue;
            tensorBuffer[i] = (uint)bufferData.Count;
            bufferData.Add(data);
        }
        var metadataBuffer = (uint)bufferData.Count;
        bufferData.Add(Encoding.UTF8.GetBytes(MetadataJson(plan).ToJsonString()));

        var buffers = new int[bufferData.Count];
        for (var b = bufferData.Count - 1; b >= 0; b--)
        {
            var data = bufferData[b] is { } bytes ? fb.CreateByteVector(bytes, S.BufferField.DataAlignment) : 0;
            fb.StartTable(S.BufferField.Count);
            if (data != 0) fb.AddOffset(S.BufferField.Data, data);
            buffers[b] = fb.EndTable();
        }

        var tensors = new int[graph.Tensors.Count];
        for (var i = graph.Tensors.Count - 1; i >= 0; i--) tensors[i] = WriteTensor(fb, graph.Tensors[i], tensorBuffer[i]);

        var codes = graph.Operators.Select(o => OperatorCode(o.Op)).Distinct().ToList();
        var operators = new int[graph.Operators.Count];
        for (var i = graph.Operators.Count - 1; i >= 0; i--)
            operators[i] = WriteOperator(fb, graph.Operators[i], codes.IndexOf(OperatorCode(graph.Operators[i].Op)));

        var tensorVector = fb.CreateOffsetVector(tensors);
        var inputs = fb.CreateInt32Vector(graph.Inputs);
        var outputs = fb.CreateInt32Vector(graph.Outputs);
        var operatorVector = fb.CreateOffsetVector(operators);
        var subgraphName = fb.CreateString("main");
        fb.StartTable(S.SubGraphField.Count);
        fb.AddOffset(S.SubGraphField.Tensors, tensorVector);
        fb.AddOffset(S.SubGraphField.Inputs, inputs);
        fb.AddOffset(S.SubGraphField.Outputs, outputs);
        fb.AddOffset(S.SubGraphField.Operators, operatorVector);
        fb.AddOffset(S.SubGraphField.Name, subgraphName);
        var subgraph = fb.EndTable();

        var codeTables = codes.Select(code =>
        {
            fb.StartTable(S.OperatorCodeField.Count);
            fb.AddSByte(S.OperatorCodeField.DeprecatedBuiltinCode, (sbyte)Math.Min(code.Builtin, S.BuiltinOperator.PlaceholderForGreaterOpCodes));
            fb.AddInt32(S.OperatorCodeField.Version, code.Version);
            fb.AddInt32(S.OperatorCodeField.BuiltinCode, code.Builtin);
            return fb.EndTable();
        }).ToList();

        var metadataName = fb.CreateString(MetadataName);
        fb.StartTable(S.MetadataField.Count);
        fb.AddOffset(S.MetadataField.Name, metadataName);
        fb.AddUInt32(S.MetadataField.Buffer, metadataBuffer);
        var metadata = fb.EndTable();

        var codeVector = fb.CreateOffsetVector(codeTables);
        var subgraphVector = fb.CreateOffsetVector([subgraph]);
        var description = fb.CreateString(options.Description);
        var bufferVector = fb.CreateOffsetVector(buffers);
        var metadataVector = fb.CreateOffsetVector([metadata]);
        fb.StartTable(S.ModelField.Count);
        fb.AddUInt32(S.ModelField.Version, S.Version);
        fb.AddOffset(S.ModelField.OperatorCodes, codeVector);
        fb.AddOffset(S.ModelField.Subgraphs, subgraphVector);
        fb.AddOffset(S.ModelField.Description, description);
        fb.AddOffset(S.ModelField.Buffers, bufferVector);
        fb.AddOffset(S.ModelField.Metadata, metadataVector);
        var model = fb.EndTable();
        return fb.Finish(model, S.FileIdentifier);
    }

    /// <summary>What the "tinyml" metadata buffer holds.</summary>
    public static JsonObject MetadataJson(QuantizedModel plan)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in plan.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) metadata[k] = v;
        var calibration = new JsonObject();
        foreach (var (k, v) in plan.Calibration.OrderBy(kv => kv.Key, StringComparer.Ordinal)) calibration[k] = v;
        return new JsonObject
        {
            ["format"] = MetadataFormat,
            ["labels"] = new JsonArray(plan.Labels.Select(l => (JsonNode)l).ToArray()),
            ["metadata"] = metadata,
            ["calibration"] = calibration,
        };
    }

    private static int WriteTensor(FlatBufferBuilder fb, QuantizedTensor tensor, uint buffer)
    {
        var shape = fb.CreateInt32Vector(tensor.Shape);
        var name = fb.CreateString(tensor.Name);
        var quantization = 0;
        if (tensor.Quantization is { } q)
        {
            var scales = fb.CreateFloatVector(q.Scales);
            var zeroPoints = fb.CreateInt64Vector(q.ZeroPoints);
            fb.StartTable(S.QuantizationField.Count);
            fb.AddOffset(S.QuantizationField.Scale, scales);
            fb.AddOffset(S.QuantizationField.ZeroPoint, zeroPoints);
            if (q.Dimension != 0) fb.AddInt32(S.QuantizationField.QuantizedDimension, q.Dimension);
            quantization = fb.EndTable();
        }
        fb.StartTable(S.TensorField.Count);
        fb.AddOffset(S.TensorField.Shape, shape);
        fb.AddSByte(S.TensorField.Type, tensor.Type switch
        {
            QuantizedType.Int8 => S.TensorType.Int8,
            QuantizedType.Int32 => S.TensorType.Int32,
            _ => S.TensorType.Float32,
        });
        if (buffer != 0) fb.AddUInt32(S.TensorField.Buffer, buffer);
        fb.AddOffset(S.TensorField.Name, name);
        if (quantization != 0) fb.AddOffset(S.TensorField.Quantization, quantization);
        return fb.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder fb, Operator op, int opcodeIndex)
    {
        var (optionsType, options) = WriteOptions(fb, op);
        var inputs = fb.CreateInt32Vector(op.Inputs);
        var outputs = fb.CreateInt32Vector(op.Outputs);
        fb.StartTable(S.OperatorField.Count);
        fb.AddUInt32(S.OperatorField.OpcodeIndex, (uint)opcodeIndex);
        fb.AddOffset(S.OperatorField.Inputs, inputs);
        fb.AddOffset(S.OperatorField.Outputs, outputs);
        fb.AddByte(S.OperatorField.BuiltinOptionsType, optionsType);
        fb.AddOffset(S.OperatorField.BuiltinOptions, options);
        return fb.EndTable();
    }

    private static (byte Type, int Table) WriteOptions(FlatBufferBuilder fb, Operator op)
    {
        var q = op.Quantized;
        switch (op.Op)
        {
            case S.BuiltinOperator.Conv2D:
                fb.StartTable(S.Conv2DOptionsField.Count);
                fb.AddSByte(S.Conv2DOptionsField.Padding, Pad(q!.Padding));
                fb.AddInt32(S.Conv2DOptionsField.StrideW, q.StrideW);
                fb.AddInt32(S.Conv2DOptionsField.StrideH, q.StrideH);
                fb.AddSByte(S.Conv2DOptionsField.FusedActivation, Act(q.Activation));
                fb.AddInt32(S.Conv2DOptionsField.DilationW, 1);
                fb.AddInt32(S.Conv2DOptionsField.DilationH, 1);
                return (S.BuiltinOptions.Conv2DOptions, fb.EndTable());
            case S.BuiltinOperator.DepthwiseConv2D:
                fb.StartTable(S.DepthwiseConv2DOptionsField.Count);
                fb.AddSByte(S.DepthwiseConv2DOptionsField.Padding, Pad(q!.Padding));
                fb.AddInt32(S.DepthwiseConv2DOptionsField.StrideW, q.StrideW);
                fb.AddInt32(S.DepthwiseConv2DOptionsField.StrideH, q.StrideH);
                fb.AddInt32(S.DepthwiseConv2DOptionsField.DepthMultiplier, q.DepthMultiplier);
                fb.AddSByte(S.DepthwiseConv2DOptionsField.FusedActivation, Act(q.Activation));
                fb.AddInt32(S.DepthwiseConv2DOptionsField.DilationW, 1);
                fb.AddInt32(S.DepthwiseConv2DOptionsField.DilationH, 1);
                return (S.BuiltinOptions.DepthwiseConv2DOptions, fb.EndTable());
            case S.BuiltinOperator.AveragePool2D:
                fb.StartTable(S.Pool2DOptionsField.Count);
                fb.AddSByte(S.Pool2DOptionsField.Padding, Pad(q!.Padding));
                fb.AddInt32(S.Pool2DOptionsField.StrideW, q.StrideW);
                fb.AddInt32(S.Pool2DOptionsField.StrideH, q.StrideH);
                fb.AddInt32(S.Pool2DOptionsField.FilterWidth, q.FilterW);
                fb.AddInt32(S.Pool2DOptionsField.FilterHeight, q.FilterH);
                fb.AddSByte(S.Pool2DOptionsField.FusedActivation, S.ActivationFunction.None);
                return (S.BuiltinOptions.Pool2DOptions, fb.EndTable());
            case S.BuiltinOperator.FullyConnected:
                fb.StartTable(S.FullyConnectedOptionsField.Count);
                fb.AddSByte(S.FullyConnectedOptionsField.FusedActivation, Act(q!.Activation));
                return (S.BuiltinOptions.FullyConnectedOptions, fb.EndTable());
            case S.BuiltinOperator.Softmax:
                fb.StartTable(S.SoftmaxOptionsField.Count);
                fb.AddFloat(S.SoftmaxOptionsField.Beta, 1f);
                return (S.BuiltinOptions.SoftmaxOptions, fb.EndTable());
            case S.BuiltinOperator.Reshape:
            {
                var newShape = fb.CreateInt32Vector(op.NewShape!);
                fb.StartTable(S.ReshapeOptionsField.Count);
                fb.AddOffset(S.ReshapeOptionsField.NewShape, newShape);
                return (S.BuiltinOptions.ReshapeOptions, fb.EndTable());
            }
            case S.BuiltinOperator.Quantize:
                fb.StartTable(0);
                return (S.BuiltinOptions.QuantizeOptions, fb.EndTable());
            case S.BuiltinOperator.Dequantize:
                fb.StartTable(0);
                return (S.BuiltinOptions.DequantizeOptions, fb.EndTable());
            default:
                throw new ModelException($"no writer for builtin operator {op.Op}");
        }
    }

    private static sbyte Pad(Padding p) => p == Padding.Same ? S.Padding.Same : S.Padding.Valid;

    private static sbyte Act(Activation a) => a switch
    {
        Activation.Relu => S.ActivationFunction.Relu,
        Activation.Relu6 => S.ActivationFunction.Relu6,
        _ => S.ActivationFunction.None,
    };

    // Operator versions as the TFLite converter assigns them for int8 kernels.
    private static (int Builtin, int Version) OperatorCode(int op) => op switch
    {
        S.BuiltinOperator.Conv2D => (op, 3),
        S.BuiltinOperator.DepthwiseConv2D => (op, 3),
        S.BuiltinOperator.FullyConnected => (op, 4),
        S.BuiltinOperator.AveragePool2D => (op, 2),
        S.BuiltinOperator.Softmax => (op, 2),
        S.BuiltinOperator.Reshape => (op, 1),
        S.BuiltinOperator.Quantize => (op, 2),
        S.BuiltinOperator.Dequantize => (op, 2),
        _ => (op, 1),
    };

    private sealed record Operator(int Op, int[] Inputs, int[] Outputs, QuantizedOperator? Quantized, int[]? NewShape);

    // The plan's graph in TFLite terms, with QUANTIZE/DEQUANTIZE around it for float I/O.
    private sealed record Graph(List<QuantizedTensor> Tensors, List<Operator> Operators, int[] Inputs, int[] Outputs)
    {
        public static Graph From(QuantizedModel plan, bool floatIo, bool isolate)
        {
            var tensors = new List<QuantizedTensor>(plan.Tensors);
            var operators = new List<Operator>();
            var inputs = plan.Inputs;
            var outputs = plan.Outputs;
            if (isolate && floatIo) throw new ModelException("isolated operators are int8 only");
            if (isolate)
            {
                inputs = [];
                outputs = plan.Operators.SelectMany(o => o.Outputs).ToArray();
            }
            if (floatIo)
            {
                inputs = plan.Inputs.Select(i =>
                {
                    tensors.Add(new QuantizedTensor { Name = $"{plan.Tensors[i].Name}_float", Type = QuantizedType.Float32, Shape = plan.Tensors[i].Shape });
                    operators.Add(new Operator(S.BuiltinOperator.Quantize, [tensors.Count - 1], [i], null, null));
                    return tensors.Count - 1;
                }).ToArray();
            }
            foreach (var op in plan.Operators)
            {
                var code = op.Op switch
                {
                    QuantizedOp.Conv2D => S.BuiltinOperator.Conv2D,
                    QuantizedOp.DepthwiseConv2D => S.BuiltinOperator.DepthwiseConv2D,
                    QuantizedOp.FullyConnected => S.BuiltinOperator.FullyConnected,
                    QuantizedOp.AveragePool2D => S.BuiltinOperator.AveragePool2D,
                    QuantizedOp.Reshape => S.BuiltinOperator.Reshape,
                    QuantizedOp.Softmax => S.BuiltinOperator.Softmax,
                    _ => throw new ModelException($"no TFLite operator for {op.Op}"),
                };
                var newShape = op.Op == QuantizedOp.Reshape ? plan.Tensors[op.Outputs[0]].Shape : null;
                var opInputs = op.Inputs;
                if (isolate)
                {
                    var source = plan.Tensors[op.Inputs[0]];
                    tensors.Add(new QuantizedTensor { Name = $"{op.Layer}/input", Type = source.Type, Shape = source.Shape, Quantization = source.Quantization });
                    opInputs = [tensors.Count - 1, .. op.Inputs[1..]];
                    inputs = [.. inputs, tensors.Count - 1];
                }
                operators.Add(new Operator(code, opInputs, op.Outputs, op, newShape));
            }
            if (floatIo)
            {
                outputs = outputs.Select(o =>
                {
                    tensors.Add(new QuantizedTensor { Name = $"{plan.Tensors[o].Name}_float", Type = QuantizedType.Float32, Shape = plan.Tensors[o].Shape });
                    operators.Add(new Operator(S.BuiltinOperator.Dequantize, [o], [tensors.Count - 1], null, null));
                    return tensors.Count - 1;
                }).ToArray();
            }
            return new Graph(tensors, operators, inputs, outputs);
        }
    }
}

using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Quantization;

// The int8 plan: the graph exactly as it will be exported, TFLite-shaped (tensors with a batch dimension of 1,
// quantization parameters, constant data; operators in execution order). `tinyml quantize` writes it, `tinyml
// export` turns it into a .tflite FlatBuffer without further decisions. Saved as a ".tqm" file (QuantizedModelFile).

public enum QuantizedType { Int8, Int32, Float32 }

public enum QuantizedOp { Conv2D, DepthwiseConv2D, FullyConnected, AveragePool2D, Reshape, Softmax }

/// <summary>real = Scales[c] · (q − ZeroPoints[c]); one entry per tensor, or one per index of dimension Dimension.</summary>
public sealed record QuantParams(float[] Scales, long[] ZeroPoints, int Dimension = 0)
{
    public static QuantParams PerTensor(float scale, long zeroPoint) => new([scale], [zeroPoint]);

    public float Scale => Scales[0];

    public long ZeroPoint => ZeroPoints[0];

    public bool PerChannel => Scales.Length > 1;

    public bool SameAs(QuantParams? other) =>
        other is not null && Dimension == other.Dimension && Scales.AsSpan().SequenceEqual(other.Scales) &&
        ZeroPoints.AsSpan().SequenceEqual(other.ZeroPoints);
}

public sealed class QuantizedTensor
{
    public string Name { get; set; } = "";
    public QuantizedType Type { get; set; }
    public int[] Shape { get; set; } = [];
    public QuantParams? Quantization { get; set; }

    /// <summary>Little-endian constant data; null for activations (inputs, outputs, intermediates).</summary>
    public byte[]? Data { get; set; }

    public int ElementCount => Shape.Aggregate(1, (a, b) => checked(a * b));

    public int ElementBytes => Type == QuantizedType.Int8 ? 1 : 4;

    public sbyte[] Int8Values() => Data is null ? [] : Data.Select(b => (sbyte)b).ToArray();

    public int[] Int32Values()
    {
        if (Data is null) return [];
        var values = new int[Data.Length / 4];
        Buffer.BlockCopy(Data, 0, values, 0, values.Length * 4);
        return values;
    }
}

/// <summary>One operator; only the options its kind uses are meaningful (TFLite's builtin options).</summary>
public sealed class QuantizedOperator
{
    public QuantizedOp Op { get; set; }
    public int[] Inputs { get; set; } = [];
    public int[] Outputs { get; set; } = [];
    public Padding Padding { get; set; } = Padding.Valid;
    public int StrideH { get; set; } = 1;
    public int StrideW { get; set; } = 1;

    /// <summary>Pooling window.</summary>
    public int FilterH { get; set; }
    public int FilterW { get; set; }

    public int DepthMultiplier { get; set; } = 1;
    public Activation Activation { get; set; }

    /// <summary>Layer of the float model this operator came from (after batch-norm folding), for reports.</summary>
    public string Layer { get; set; } = "";
}

public sealed class QuantizedModel
{
    public List<QuantizedTensor> Tensors { get; set; } = [];
    public List<QuantizedOperator> Operators { get; set; } = [];
    public int[] Inputs { get; set; } = [];
    public int[] Outputs { get; set; } = [];
    public string[] Labels { get; set; } = [];

    /// <summary>The float model's metadata (feature settings, provenance), carried into the .tflite.</summary>
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How the plan was made: calibration method, sample count, source.</summary>
    public Dictionary<string, string> Calibration { get; set; } = new(StringComparer.Ordinal);

    public QuantizedTensor Input => Tensors[Inputs[0]];

    public QuantizedTensor Output => Tensors[Outputs[0]];

    public int AddTensor(QuantizedTensor tensor)
    {
        Tensors.Add(tensor);
        return Tensors.Count - 1;
    }

    /// <summary>Bytes of constant data (weights, biases, shapes).</summary>
    public long ConstantBytes => Tensors.Sum(t => (long)(t.Data?.Length ?? 0));

    /// <summary>Checks indices, shapes against data and the quantization every operator needs; throws ModelException.</summary>
    public void Validate()
    {
        void Fail(string why) => throw new ModelException($"int8 plan: {why}");
        for (var i = 0; i < Tensors.Count; i++)
        {
            var t = Tensors[i];
            if (t.Shape.Any(d => d < 1)) Fail($"tensor {i} '{t.Name}' has shape [{string.Join(", ", t.Shape)}]");
            if (t.Data is not null && t.Data.Length != (long)t.ElementCount * t.ElementBytes)
                Fail($"tensor {i} '{t.Name}' holds {t.Data.Length} bytes for {t.ElementCount} values");
            if (t.Quantization is { } q)
            {
                if (q.Scales.Length == 0 || q.Scales.Length != q.ZeroPoints.Length)
                    Fail($"tensor {i} '{t.Name}': {q.Scales.Length} scales, {q.ZeroPoints.Length} zero points");
                if (q.Scales.Any(s => !(s > 0) || !float.IsFinite(s))) Fail($"tensor {i} '{t.Name}' has a scale that is not positive");
                if (q.PerChannel && (q.Dimension < 0 || q.Dimension >= t.Shape.Length || t.Shape[q.Dimension] != q.Scales.Length))
                    Fail($"tensor {i} '{t.Name}': {q.Scales.Length} channel scales along dimension {q.Dimension}");
            }
        }
        bool Valid(int index) => index >= 0 && index < Tensors.Count;
        foreach (var index in Inputs.Concat(Outputs))
            if (!Valid(index)) Fail($"model input/output {index} is not a tensor");
        for (var o = 0; o < Operators.Count; o++)
            foreach (var index in Operators[o].Inputs.Concat(Operators[o].Outputs))
                if (!Valid(index)) Fail($"operator {o} ({Operators[o].Op}) refers to tensor {index}");
    }
}

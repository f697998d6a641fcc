using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// One layer of a <see cref="Network"/>: a batched forward and backward pass over flat float arrays (samples one
/// after the other, each NHWC without the batch dimension, as in <see cref="Inference"/>).
/// </summary>
public abstract class TrainableLayer(string name, int[] inputShape, int[] outputShape)
{
    public string Name { get; } = name;

    public int[] InputShape { get; } = inputShape;

    public int[] OutputShape { get; } = outputShape;

    public int InputSize { get; } = inputShape.Aggregate(1, (a, b) => a * b);

    public int OutputSize { get; } = outputShape.Aggregate(1, (a, b) => a * b);

    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>y = layer(x) for batch samples. training selects batch statistics (batch norm).</summary>
    public abstract void Forward(float[] x, float[] y, int batch, bool training);

    /// <summary>
    /// After the Forward that produced y from x: sets every parameter's Grad from dy (∂loss/∂y, which this call may
    /// overwrite) and writes ∂loss/∂x into dx unless dx is null (the first layer needs none).
    /// </summary>
    public abstract void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch);

    /// <summary>Copies the trained values into the IR layer this one was built from.</summary>
    public virtual void WriteTo(Layer layer) { }

    /// <summary>Grows a scratch array to at least length values (contents undefined).</summary>
    protected static float[] Scratch(ref float[]? buffer, long length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[checked((int)length)];
        return buffer;
    }

    /// <summary>Runs body(b) for every sample, in parallel when the work is worth it (each sample writes its own output).</summary>
    protected static void ForEachSample(int batch, long workPerSample, Action<int> body)
    {
        if (batch == 1 || workPerSample * batch < 1 << 15)
            for (var b = 0; b < batch; b++) body(b);
        else
            Parallel.For(0, batch, body);
    }
}

namespace TinyMl.Toolkit.Nn;

/// <summary>A trainable array and the gradient of the last backward pass (summed over the batch).</summary>
public sealed class Parameter(string name, float[] value, bool decay)
{
    public string Name { get; } = name;

    public float[] Value { get; } = value;

    public float[] Grad { get; } = new float[value.Length];

    /// <summary>Whether weight decay applies (weights yes; biases and batch-norm scales/offsets no).</summary>
    public bool Decay { get; } = decay;
}

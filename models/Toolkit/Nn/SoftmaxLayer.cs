using System.Numerics.Tensors;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// <see cref="Softmax"/> over the last dimension. Classifier training normally stops before it and uses
/// <see cref="SoftmaxCrossEntropy"/> on the logits (see <see cref="Network.FromModel"/>); this layer serves the rest.
/// </summary>
public sealed class SoftmaxLayer(Softmax layer, int[] inputShape) : TrainableLayer(layer.Name, inputShape, inputShape)
{
    private readonly int _classes = inputShape[^1];

    public override void Forward(float[] x, float[] y, int batch, bool training)
    {
        for (var row = 0; row < batch * InputSize; row += _classes)
            Normalize(x.AsSpan(row, _classes), y.AsSpan(row, _classes));
    }

    /// <summary>Softmax of one row, shifted by its maximum so exp never overflows.</summary>
    public static void Normalize(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        TensorPrimitives.Subtract(logits, TensorPrimitives.Max(logits), probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum(probabilities), probabilities);
    }

    // dx = y ⊙ (dy − Σ dy ⊙ y) per row.
    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        if (dx is null) return;
        for (var row = 0; row < batch * InputSize; row += _classes)
        {
            var p = y.AsSpan(row, _classes);
            var dot = TensorPrimitives.Dot(dy.AsSpan(row, _classes), p);
            var d = dx.AsSpan(row, _classes);
            TensorPrimitives.Subtract(dy.AsSpan(row, _classes), dot, d);
            TensorPrimitives.Multiply(d, p, d);
        }
    }
}

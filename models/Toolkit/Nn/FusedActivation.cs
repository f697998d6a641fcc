using System.Numerics;
using System.Numerics.Tensors;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>The IR's fused activations: applied in place after a layer's arithmetic, and their gradient masks.</summary>
internal static class FusedActivation
{
    public static void Apply(Span<float> y, Activation activation)
    {
        if (activation == Activation.None) return;
        TensorPrimitives.Max(y, 0f, y);
        if (activation == Activation.Relu6) TensorPrimitives.Min(y, 6f, y);
    }

    /// <summary>Zeroes dy where the activation was flat, judged from its output y (0 below, 6 above for ReLU6).</summary>
    public static void Mask(ReadOnlySpan<float> y, Span<float> dy, Activation activation)
    {
        if (activation == Activation.None) return;
        var w = Vector<float>.Count;
        var zero = Vector<float>.Zero;
        var six = new Vector<float>(6f);
        var i = 0;
        for (; i + w <= dy.Length; i += w)
        {
            var v = new Vector<float>(y[i..]);
            var live = Vector.GreaterThan(v, zero);
            if (activation == Activation.Relu6) live &= Vector.LessThan(v, six);
            Vector.ConditionalSelect(live, new Vector<float>(dy[i..]), zero).CopyTo(dy[i..]);
        }
        for (; i < dy.Length; i++)
            if (!(y[i] > 0f && (activation != Activation.Relu6 || y[i] < 6f))) dy[i] = 0f;
    }
}

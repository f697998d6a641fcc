using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary><see cref="Flatten"/>: the values pass unchanged (NHWC is already flat).</summary>
public sealed class FlattenLayer(Flatten layer, int[] inputShape, int[] outputShape) : TrainableLayer(layer.Name, inputShape, outputShape)
{
    public override void Forward(float[] x, float[] y, int batch, bool training) =>
        Array.Copy(x, y, batch * InputSize);

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        if (dx is not null) Array.Copy(dy, dx, batch * InputSize);
    }
}

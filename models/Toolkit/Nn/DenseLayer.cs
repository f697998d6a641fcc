using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>Trainable <see cref="Dense"/>: the batch [B × in] times the [units × in] weights transposed.</summary>
public sealed class DenseLayer : TrainableLayer
{
    private readonly int _inputs, _units;
    private readonly Activation _activation;
    private readonly Parameter _weights, _bias;
    private float[]? _wT;

    public DenseLayer(Dense layer, int[] inputShape, int[] outputShape) : base(layer.Name, inputShape, outputShape)
    {
        _inputs = InputSize;
        _units = layer.Units;
        _activation = layer.Activation;
        _weights = new Parameter(layer.Name + ".weights", (float[])layer.Weights.Clone(), decay: true);
        _bias = new Parameter(layer.Name + ".bias", (float[])layer.Bias.Clone(), decay: false);
    }

    public override IReadOnlyList<Parameter> Parameters => [_weights, _bias];

    public override void Forward(float[] x, float[] y, int batch, bool training)
    {
        var wT = Scratch(ref _wT, (long)_units * _inputs);
        Gemm.Transpose(_weights.Value, _units, _inputs, wT);
        for (var b = 0; b < batch; b++) _bias.Value.CopyTo(y.AsSpan(b * _units, _units));
        Gemm.Multiply(x, wT, y, batch, _units, _inputs, accumulate: true);
        FusedActivation.Apply(y.AsSpan(0, batch * _units), _activation);
    }

    public override void Backward(float[] x, float[] y, float[] dy, float[]? dx, int batch)
    {
        FusedActivation.Mask(y.AsSpan(0, batch * _units), dy.AsSpan(0, batch * _units), _activation);
        Gemm.ColumnSums(dy, batch, _units, _bias.Grad);
        Gemm.MultiplyTransposedA(dy, x, _weights.Grad, _units, _inputs, batch, accumulate: false);
        if (dx is not null) Gemm.Multiply(dy, _weights.Value, dx, batch, _inputs, _units, accumulate: false);
    }

    public override void WriteTo(Layer layer)
    {
        var d = (Dense)layer;
        d.Weights = (float[])_weights.Value.Clone();
        d.Bias = (float[])_bias.Value.Clone();
    }
}

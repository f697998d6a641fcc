using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// A trainable copy of a <see cref="FloatModel"/>: one <see cref="TrainableLayer"/> per IR layer, batched forward and
/// backward passes, and <see cref="ToModel"/> to write the trained values back into the IR. In inference mode its
/// forward pass computes what <see cref="Inference"/> computes on the same weights.
/// </summary>
public sealed class Network
{
    private readonly FloatModel _template;
    private readonly List<TrainableLayer> _layers = [];
    private readonly float[]?[] _outputs;
    private readonly float[]?[] _gradients;
    private float[]? _input;
    private int _batch;

    private Network(FloatModel template, bool stopBeforeSoftmax, float batchNormMomentum)
    {
        _template = template;
        var shapes = template.Shapes();
        var count = template.Layers.Count;
        if (stopBeforeSoftmax && count > 0 && template.Layers[^1] is Softmax) count--;
        for (var i = 0; i < count; i++)
        {
            var layer = template.Layers[i];
            int[] input = shapes[i], output = shapes[i + 1];
            _layers.Add(layer switch
            {
                Conv2D c => new ConvolutionLayer(c, input, output),
                DepthwiseConv2D d => new DepthwiseLayer(d, input, output),
                Dense d => new DenseLayer(d, input, output),
                BatchNorm b => new BatchNormLayer(b, input, batchNormMomentum),
                AveragePool p => new AveragePoolLayer(p, input, output),
                Flatten f => new FlattenLayer(f, input, output),
                Softmax s => new SoftmaxLayer(s, input),
                _ => throw new ModelException($"layer {i} '{layer.Name}': no trainable form of {layer.GetType().Name}"),
            });
        }
        InputShape = shapes[0];
        OutputShape = shapes[count];
        InputSize = InputShape.Aggregate(1, (a, b) => a * b);
        OutputSize = OutputShape.Aggregate(1, (a, b) => a * b);
        Parameters = _layers.SelectMany(l => l.Parameters).ToList();
        _outputs = new float[_layers.Count][];
        _gradients = new float[_layers.Count][];
    }

    /// <param name="model">Validated first; the network copies its values (the model is not changed).</param>
    /// <param name="stopBeforeSoftmax">Leave out a final Softmax: the network outputs logits (for cross-entropy).</param>
    /// <param name="batchNormMomentum">Weight of the old running statistics at each training step.</param>
    public static Network FromModel(FloatModel model, bool stopBeforeSoftmax = false, float batchNormMomentum = 0.99f)
    {
        model.Validate();
        return new Network(model.Clone(), stopBeforeSoftmax, batchNormMomentum);
    }

    public int[] InputShape { get; }

    public int[] OutputShape { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public IReadOnlyList<TrainableLayer> Layers => _layers;

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Runs batch samples (input: batch × InputSize values) and returns the output buffer (batch × OutputSize values
    /// at its start; valid until the next Forward). input must stay unchanged until Backward.
    /// </summary>
    public float[] Forward(float[] input, int batch, bool training)
    {
        if (batch < 1 || input.Length < (long)batch * InputSize)
            throw new ArgumentException($"{input.Length} input values for a batch of {batch} × {InputSize}");
        _input = input;
        _batch = batch;
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            var y = Buffer(_outputs, i, (long)batch * _layers[i].OutputSize);
            _layers[i].Forward(x, y, batch, training);
            x = y;
        }
        return x;
    }

    /// <summary>
    /// After Forward: sets every parameter's Grad from ∂loss/∂output (batch × OutputSize; not changed), and writes
    /// ∂loss/∂input into inputGradient when one is given.
    /// </summary>
    public void Backward(float[] outputGradient, int batch, float[]? inputGradient = null)
    {
        if (_input is null || batch != _batch) throw new InvalidOperationException("Backward needs the Forward of the same batch first");
        if (_layers.Count == 0) return;
        var dy = Buffer(_gradients, _layers.Count - 1, (long)batch * OutputSize);
        Array.Copy(outputGradient, dy, batch * OutputSize);
        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            var x = i == 0 ? _input : _outputs[i - 1]!;
            var dx = i == 0 ? inputGradient : Buffer(_gradients, i - 1, (long)batch * _layers[i].InputSize);
            _layers[i].Backward(x, _outputs[i]!, _gradients[i]!, dx, batch);
        }
    }

    /// <summary>Inference-mode outputs of a batch, copied (batch × OutputSize).</summary>
    public float[] Predict(float[] input, int batch)
    {
        var output = Forward(input, batch, training: false);
        return output.AsSpan(0, batch * OutputSize).ToArray();
    }

    /// <summary>The source model with the current trained values (running batch-norm statistics included).</summary>
    public FloatModel ToModel()
    {
        var model = _template.Clone();
        for (var i = 0; i < _layers.Count; i++)
            _layers[i].WriteTo(model.Layers[i]);
        return model;
    }

    private static float[] Buffer(float[]?[] buffers, int index, long length)
    {
        if (buffers[index] is not { } b || b.Length < length) buffers[index] = b = new float[checked((int)length)];
        return b;
    }
}

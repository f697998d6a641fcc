namespace TinyMl.Toolkit.Nn.Vibration;

/// <summary>
/// Reconstruction of feature vectors (already normalized) as an <see cref="ITrainingTask"/>: each epoch every training
/// vector once in a fresh order; mean squared error against the input; validation by the same error (lower is better).
/// </summary>
public sealed class AutoencoderTask : ITrainingTask
{
    private readonly IReadOnlyList<float[]> _training;
    private readonly IReadOnlyList<float[]> _validation;
    private readonly int _size;
    private readonly ulong _seed;
    private int[] _order = [];

    public AutoencoderTask(IReadOnlyList<float[]> training, IReadOnlyList<float[]> validation, ulong seed)
    {
        if (training.Count == 0) throw new ArgumentException("no training vectors");
        _size = training[0].Length;
        if (training.Concat(validation).Any(v => v.Length != _size)) throw new ArgumentException($"every vector must hold {_size} values");
        _training = training;
        _validation = validation;
        _seed = seed;
    }

    public int PlanEpoch(int epoch)
    {
        _order = Enumerable.Range(0, _training.Count).ToArray();
        RandomStream.Fork(_seed, 5, (ulong)epoch).Shuffle(_order);
        return _order.Length;
    }

    public void Fill(int start, int count, float[] inputs)
    {
        for (var i = 0; i < count; i++) _training[_order[start + i]].CopyTo(inputs, i * _size);
    }

    public (double Loss, int Correct) Loss(float[] outputs, int start, int count, float[] gradient)
    {
        var targets = new float[count * _size];
        Fill(start, count, targets);
        return (MeanSquaredError.Compute(outputs, targets, count, _size, gradient), -1);
    }

    public (double Loss, double Score, double Accuracy)? Validate(Network network)
    {
        if (_validation.Count == 0) return null;
        var loss = Errors(network, _validation).Average();
        return (loss, -loss, double.NaN);
    }

    /// <summary>Each vector's mean squared reconstruction error (inference mode).</summary>
    public static double[] Errors(Network network, IReadOnlyList<float[]> vectors)
    {
        const int batch = 256;
        var size = network.InputSize;
        var errors = new double[vectors.Count];
        var inputs = new float[batch * size];
        var perSample = new float[batch];
        for (var start = 0; start < vectors.Count; start += batch)
        {
            var count = Math.Min(batch, vectors.Count - start);
            for (var i = 0; i < count; i++) vectors[start + i].CopyTo(inputs, i * size);
            var outputs = network.Forward(inputs, count, training: false);
            MeanSquaredError.Compute(outputs, inputs, count, size, null, perSample);
            for (var i = 0; i < count; i++) errors[start + i] = perSample[i];
        }
        return errors;
    }
}

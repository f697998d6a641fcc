namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>
/// Keyword spotting as an <see cref="ITrainingTask"/>. Each epoch takes every keyword clip, plus _unknown_ and _silence_
/// examples in proportion to the mean keyword class (shares of 1 make them as frequent as an average keyword): unknown
/// clips come in turn from a fixed shuffle so every one is used across epochs; silence uses the real _silence_ clips
/// first and synthesizes the shortfall from background noise. Every sample is augmented afresh from its own random
/// stream (seed, epoch, position) and goes through the native frontend, in parallel and reproducibly.
/// </summary>
public sealed class KwsTrainingTask : ITrainingTask
{
    private readonly IReadOnlyList<KeywordClip> _training;
    private readonly int _classes, _unknown, _silence;
    private readonly NoiseBank _noise;
    private readonly KwsAugmentation _augmentation;
    private readonly KwsFeatures _features;
    private readonly ulong _seed;
    private readonly float _labelSmoothing;
    private readonly int[] _keywordClips, _unknownOrder, _silenceOrder;
    private readonly int _unknownPerEpoch, _silencePerEpoch;
    private readonly float[] _validationInputs;
    private readonly int[] _validationLabels;
    private (int Clip, int Label)[] _plan = [];
    private int _epoch;

    public KwsTrainingTask(IReadOnlyList<KeywordClip> training, IReadOnlyList<KeywordClip> validation, IReadOnlyList<string> labels,
        NoiseBank noise, KwsAugmentation augmentation, KwsFeatures features, ulong seed,
        double unknownShare = 1, double silenceShare = 1, float labelSmoothing = 0)
    {
        _training = training;
        _classes = labels.Count;
        _unknown = KeywordClips.IndexOf(labels, KeywordClips.Unknown);
        _silence = KeywordClips.IndexOf(labels, KeywordClips.Silence);
        _noise = noise;
        _augmentation = augmentation;
        _features = features;
        _seed = seed;
        _labelSmoothing = labelSmoothing;
        var indices = Enumerable.Range(0, training.Count).ToList();
        _keywordClips = indices.Where(i => training[i].Label != _unknown && training[i].Label != _silence).ToArray();
        _unknownOrder = Shuffled(indices.Where(i => training[i].Label == _unknown), 1);
        _silenceOrder = Shuffled(indices.Where(i => training[i].Label == _silence), 2);
        var keywordClasses = _keywordClips.Select(i => training[i].Label).Distinct().Count();
        var perClass = keywordClasses > 0 ? (double)_keywordClips.Length / keywordClasses : training.Count / (double)_classes;
        _unknownPerEpoch = _unknown < 0 || _unknownOrder.Length == 0 ? 0 : (int)Math.Round(unknownShare * perClass);
        _silencePerEpoch = _silence < 0 ? 0 : (int)Math.Round(silenceShare * perClass);
        _validationLabels = validation.Select(c => c.Label).ToArray();
        _validationInputs = new float[validation.Count * KwsFeatures.Size];
        Parallel.For(0, validation.Count, i => features.Compute(validation[i].Samples, _validationInputs, i * KwsFeatures.Size));
    }

    /// <summary>Samples per epoch: keyword clips + unknown + silence.</summary>
    public int EpochSize => _keywordClips.Length + _unknownPerEpoch + _silencePerEpoch;

    public int ValidationCount => _validationLabels.Length;

    public int PlanEpoch(int epoch)
    {
        _epoch = epoch;
        var plan = new List<(int, int)>(EpochSize);
        plan.AddRange(_keywordClips.Select(i => (i, _training[i].Label)));
        for (var k = 0; k < _unknownPerEpoch; k++)
            plan.Add((_unknownOrder[(int)(((long)epoch * _unknownPerEpoch + k) % _unknownOrder.Length)], _unknown));
        var realSilence = Math.Min(_silencePerEpoch, _silenceOrder.Length);
        for (var k = 0; k < _silencePerEpoch; k++)
            plan.Add((k < realSilence ? _silenceOrder[(int)(((long)epoch * realSilence + k) % _silenceOrder.Length)] : -1, _silence));
        RandomStream.Fork(_seed, 3, (ulong)epoch).Shuffle(plan);
        _plan = plan.ToArray();
        return _plan.Length;
    }

    public void Fill(int start, int count, float[] inputs) =>
        Parallel.For(0, count, i =>
        {
            var (clip, _) = _plan[start + i];
            var rng = RandomStream.Fork(_seed, 4, (ulong)_epoch, (ulong)(start + i));
            var pcm = KwsAugmenter.Waveform(clip < 0 ? null : _training[clip], rng, _noise, _augmentation);
            _features.Compute(pcm, inputs, i * KwsFeatures.Size);
            KwsAugmenter.MaskFeatures(inputs, i * KwsFeatures.Size, KwsFeatures.Frames, KwsFeatures.Channels, rng, _augmentation);
        });

    public (double Loss, int Correct) Loss(float[] outputs, int start, int count, float[] gradient)
    {
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = _plan[start + i].Label;
        var predictions = new int[count];
        var loss = SoftmaxCrossEntropy.Compute(outputs, labels, count, _classes, gradient, predictions, _labelSmoothing);
        return (loss, predictions.Where((p, i) => p == labels[i]).Count());
    }

    public (double Loss, double Score, double Accuracy)? Validate(Network network)
    {
        if (_validationLabels.Length == 0) return null;
        var (loss, accuracy) = Evaluate(network, _validationInputs, _validationLabels);
        return (loss, accuracy - 1e-4 * loss, accuracy); // the loss only breaks ties
    }

    /// <summary>Mean cross-entropy and top-1 accuracy of a network (inference mode) on features with labels.</summary>
    public static (double Loss, double Accuracy) Evaluate(Network network, float[] inputs, int[] labels)
    {
        const int batch = 256;
        var size = network.InputSize;
        var classes = network.OutputSize;
        double loss = 0;
        var correct = 0;
        var chunk = new float[batch * size];
        for (var start = 0; start < labels.Length; start += batch)
        {
            var count = Math.Min(batch, labels.Length - start);
            Array.Copy(inputs, start * size, chunk, 0, count * size);
            var outputs = network.Forward(chunk, count, training: false);
            var predictions = new int[count];
            loss += count * SoftmaxCrossEntropy.Compute(outputs, labels[start..(start + count)], count, classes, null, predictions);
            for (var i = 0; i < count; i++)
                if (predictions[i] == labels[start + i]) correct++;
        }
        return (loss / labels.Length, (double)correct / labels.Length);
    }

    private int[] Shuffled(IEnumerable<int> items, ulong stream)
    {
        var list = items.ToList();
        RandomStream.Fork(_seed, stream).Shuffle(list);
        return list.ToArray();
    }
}

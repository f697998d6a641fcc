namespace TinyMl.Toolkit.Nn;

/// <summary>How <see cref="TrainingLoop"/> optimizes: Adam(W) under warm-up + cosine decay, with a seed for everything random.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 40;

    public int BatchSize { get; init; } = 64;

    /// <summary>Peak learning rate (after warm-up).</summary>
    public float LearningRate { get; init; } = 3e-3f;

    public float WarmupEpochs { get; init; } = 2f;

    /// <summary>Decoupled weight decay (AdamW) on weights.</summary>
    public float WeightDecay { get; init; } = 1e-2f;

    public float BatchNormMomentum { get; init; } = 0.99f;

    /// <summary>
    /// When above 0, validation and the kept model use an exponential moving average of the weights, updated after
    /// every step as average = decay · average + (1 − decay) · weights (0.99: about the last hundred steps).
    /// </summary>
    public float WeightAveraging { get; init; }

    public ulong Seed { get; init; } = 1;
}

namespace TinyMl.Toolkit.Nn;

/// <summary>Callbacks of a running training (loading, messages, batches, epochs); every one optional.</summary>
public sealed class TrainingProgress
{
    /// <summary>Files loaded so far of a total.</summary>
    public Action<int, int>? Loading { get; init; }

    public Action<string>? Message { get; init; }

    /// <summary>Epoch (1-based), samples done in it, samples in it.</summary>
    public Action<int, int, int>? Batch { get; init; }

    public Action<EpochReport>? Epoch { get; init; }
}

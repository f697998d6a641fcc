using TinyMl.Toolkit.Evaluation;

namespace TinyMl.Toolkit.Nn.Vibration;

/// <summary>Everything `tinyml train vibration` needs to know.</summary>
public sealed record VibrationTrainingOptions
{
    /// <summary>Folders holding normal/*.csv (or the CSVs themselves): healthy recordings only are trained on.</summary>
    public required IReadOnlyList<string> DataFolders { get; init; }

    /// <summary>Rate, window, hop, full scale and bands; the axes come from the files, the normalization from the data.</summary>
    public VibrationSettings Settings { get; init; } = new();

    /// <summary>Hidden layer widths of the encoder (mirrored in the decoder).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [32, 16];

    public int Bottleneck { get; init; } = 6;

    /// <summary>Share of each file's windows, at its end (time order), held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    public TrainingOptions Training { get; init; } = DefaultTraining;

    public static TrainingOptions DefaultTraining { get; } = new() { Epochs = 100, BatchSize = 32, LearningRate = 2e-3f, WarmupEpochs = 2, WeightDecay = 1e-3f };
}

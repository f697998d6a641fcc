using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>Everything `tinyml train kws` needs to know.</summary>
public sealed record KwsTrainingOptions
{
    public required IReadOnlyList<string> DataFolders { get; init; }

    /// <summary>
    /// Training clips of these data folders (keys as given in DataFolders) count this many times per epoch, each time
    /// augmented afresh: weight a small real set against a large synthetic one.
    /// </summary>
    public IReadOnlyDictionary<string, int>? Oversample { get; init; }

    /// <summary>Folders whose speakers may go to validation (default: every data folder).</summary>
    public IReadOnlyList<string>? ValidationFolders { get; init; }

    /// <summary>Share of speakers (of the validation folders) held out for validation; 0: none.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Background noise recordings (null: no noise mixing; silence is then synthesized as zeros).</summary>
    public string? NoiseFolder { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = SpeechCommands.Labels;

    public DsCnnOptions Architecture { get; init; } = new();

    public TrainingOptions Training { get; init; } = new();

    public KwsAugmentation Augmentation { get; init; } = new();

    /// <summary>Unknown and silence examples per epoch, relative to the mean keyword class.</summary>
    public double UnknownShare { get; init; } = 1;

    public double SilenceShare { get; init; } = 1;

    public float LabelSmoothing { get; init; } = 0.05f;
}

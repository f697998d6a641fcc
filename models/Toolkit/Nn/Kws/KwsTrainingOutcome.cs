using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>A finished keyword training: the model to save (metadata filled in) and what happened.</summary>
public sealed record KwsTrainingOutcome(FloatModel Model, TrainingResult Result, int TrainingClips, int ValidationClips,
    IReadOnlyList<string> ValidationGroups, IReadOnlyList<KeywordClip> Validation);

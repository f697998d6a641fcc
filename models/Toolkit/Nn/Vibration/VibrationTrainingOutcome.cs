using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn.Vibration;

/// <summary>A finished autoencoder training: the model to save (settings and normalization in its metadata) and what happened.</summary>
public sealed record VibrationTrainingOutcome(FloatModel Model, TrainingResult Result, int TrainingWindows, int ValidationWindows, int Files);

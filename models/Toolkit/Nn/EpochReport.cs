namespace TinyMl.Toolkit.Nn;

/// <summary>One epoch's figures. Accuracy values are NaN for tasks without classes; validation values NaN without a validation set.</summary>
public sealed record EpochReport(
    int Epoch,
    float LearningRate,
    double Loss,
    double Accuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double Seconds,
    int Samples);

namespace TinyMl.Toolkit.Nn;

/// <summary>What <see cref="TrainingLoop"/> trains on: batches of inputs with their targets, a loss, and a validation score.</summary>
public interface ITrainingTask
{
    /// <summary>Plans epoch `epoch` (0-based: which samples, in which order, augmented how) and returns its sample count.</summary>
    int PlanEpoch(int epoch);

    /// <summary>Writes the inputs of planned samples [start, start + count) into inputs (count × input size).</summary>
    void Fill(int start, int count, float[] inputs);

    /// <summary>
    /// The batch's mean loss and ∂loss/∂outputs (written into gradient) for planned samples [start, start + count),
    /// and how many it classified right (−1 when the task has no classes).
    /// </summary>
    (double Loss, int Correct) Loss(float[] outputs, int start, int count, float[] gradient);

    /// <summary>Loss and score (higher is better: accuracy, or −loss) on held-out data; null when there is none.</summary>
    (double Loss, double Score, double Accuracy)? Validate(Network network);
}

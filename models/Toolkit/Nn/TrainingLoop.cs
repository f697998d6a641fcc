using System.Diagnostics;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>
/// Epochs of mini-batch training with Adam(W) and warm-up + cosine decay; after each epoch the validation score decides
/// whether this epoch's weights (their moving average with <see cref="TrainingOptions.WeightAveraging"/>) are the best
/// so far (without validation, the last epoch's weights are kept).
/// </summary>
public static class TrainingLoop
{
    /// <param name="progress">Called after every batch with (samples done this epoch, samples in the epoch).</param>
    /// <param name="epochDone">Called after every epoch.</param>
    public static TrainingResult Run(Network network, ITrainingTask task, TrainingOptions options,
        Action<int, int>? progress = null, Action<EpochReport>? epochDone = null, CancellationToken cancel = default)
    {
        var adam = new Adam(network.Parameters) { WeightDecay = options.WeightDecay };
        var averaging = options.WeightAveraging > 0 ? new WeightAverage(network.Parameters, options.WeightAveraging) : null;
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        var batch = options.BatchSize;
        var inputs = new float[batch * network.InputSize];
        var gradient = new float[batch * network.OutputSize];
        LearningRateSchedule? schedule = null;
        FloatModel? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        var step = 0;
        long samples = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var size = task.PlanEpoch(epoch);
            var steps = (size + batch - 1) / batch;
            // Epoch sizes are the task's, known one epoch at a time: the schedule assumes they stay the same.
            schedule ??= new LearningRateSchedule(options.LearningRate, (int)Math.Round(options.WarmupEpochs * steps), options.Epochs * steps);
            double lossSum = 0;
            long correct = 0;
            var classified = true;
            float rate = 0;
            for (var start = 0; start < size; start += batch)
            {
                cancel.ThrowIfCancellationRequested();
                var count = Math.Min(batch, size - start);
                task.Fill(start, count, inputs);
                var outputs = network.Forward(inputs, count, training: true);
                var (loss, right) = task.Loss(outputs, start, count, gradient);
                network.Backward(gradient, count);
                rate = schedule.At(step++);
                adam.Step(rate);
                averaging?.Update();
                lossSum += loss * count;
                if (right < 0) classified = false;
                else correct += right;
                progress?.Invoke(start + count, size);
            }
            samples += size;
            averaging?.Swap();
            var validation = task.Validate(network);
            var report = new EpochReport(epoch + 1, rate, lossSum / size, classified ? (double)correct / size : double.NaN,
                validation?.Loss ?? double.NaN, validation?.Accuracy ?? double.NaN, epochClock.Elapsed.TotalSeconds, size);
            history.Add(report);
            var score = validation?.Score ?? epoch;
            if (score > bestScore)
            {
                bestScore = score;
                bestEpoch = epoch + 1;
                best = network.ToModel();
            }
            averaging?.Swap();
            epochDone?.Invoke(report);
        }
        return new TrainingResult(best ?? network.ToModel(), bestEpoch, history, clock.Elapsed.TotalSeconds, samples);
    }
}

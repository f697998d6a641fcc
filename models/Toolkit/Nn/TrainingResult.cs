using System.Text.Json.Nodes;
using TinyMl.Toolkit.Model;

namespace TinyMl.Toolkit.Nn;

/// <summary>The result of <see cref="TrainingLoop.Run"/>: the best epoch's model and every epoch's figures.</summary>
public sealed record TrainingResult(FloatModel Model, int BestEpoch, IReadOnlyList<EpochReport> History, double Seconds, long Samples)
{
    /// <summary>Per-epoch figures as a JSON array (the training curves of the model card), NaN left out.</summary>
    public string HistoryJson()
    {
        var array = new JsonArray();
        foreach (var e in History)
            array.Add(new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["learning_rate"] = e.LearningRate,
                ["loss"] = Finite(e.Loss),
                ["accuracy"] = Finite(e.Accuracy),
                ["validation_loss"] = Finite(e.ValidationLoss),
                ["validation_accuracy"] = Finite(e.ValidationAccuracy),
                ["seconds"] = Math.Round(e.Seconds, 2),
            });
        return array.ToJsonString();
    }

    private static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 5)) : null;
}

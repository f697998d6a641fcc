using TinyMl.Toolkit.Data;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Tflite;

namespace TinyMl.Toolkit.Evaluation;

public sealed record KwsPrediction(SpeechClip Clip, int Actual, int Predicted, float Score);

/// <summary>Accuracy of the clips sharing one value of a grouping column (a voice, an SNR, a speaker bucket).</summary>
public sealed record GroupAccuracy(string Column, string Value, int Clips, int Correct)
{
    public double Accuracy => Clips == 0 ? 0 : (double)Correct / Clips;
}

public sealed class KwsEvaluationResult
{
    public required string[] Labels { get; init; }
    public required ConfusionMatrix Confusion { get; init; }
    public required List<KwsPrediction> Predictions { get; init; }

    /// <summary>Per metadata column (synthesized corpora) or per speaker bucket (real folders).</summary>
    public required List<GroupAccuracy> Groups { get; init; }

    /// <summary>"metadata.csv" or "speakers".</summary>
    public required string GroupSource { get; init; }

    /// <summary>Accuracy of each speaker with a known id.</summary>
    public required List<GroupAccuracy> Speakers { get; init; }

    public double Accuracy => Confusion.Accuracy;
}

/// <summary>
/// `tinyml eval kws`: every clip of a Speech Commands-layout folder → the native audio frontend (49 × 40 int8 frames
/// of one second, padded or cut) → the .tflite in the native engine → top-1 label. Int8 models must take the
/// frontend's bytes unchanged (scale 1/128, zero point 0); float-input models get q / 128.
/// </summary>
public static class KwsEvaluation
{
    public static KwsEvaluationResult Run(byte[] tflite, string dataDir, string modelName = "model",
        IReadOnlyList<string>? groupBy = null, Action<int, int>? progress = null)
    {
        var metadata = TfliteMetadata.Read(tflite, modelName);
        string[] labels;
        int inputLength, outputLength;
        using (var probe = new EngineRunner(tflite, modelName))
        {
            CheckInput(probe, modelName);
            inputLength = probe.InputLength;
            outputLength = probe.OutputLength;
        }
        labels = metadata.Labels.Length > 0 ? metadata.Labels
            : outputLength == SpeechCommands.Labels.Length ? SpeechCommands.Labels
            : throw new ModelException($"{modelName}: no labels in the model and {outputLength} outputs (12 expected for the Speech Commands labels)");
        if (labels.Length != outputLength) throw new ModelException($"{modelName}: {labels.Length} labels for {outputLength} outputs");
        var frames = AudioFrontend.FrameCount(AudioFrontend.SampleRate);
        if (inputLength != frames * AudioFrontend.FeaturesPerFrame)
            throw new ModelException($"{modelName}: input of {inputLength} values; one second of features is {frames} × {AudioFrontend.FeaturesPerFrame}");

        var clips = SpeechCommands.Load(dataDir, labels);
        var predictions = new KwsPrediction[clips.Count];
        var done = 0;
        Parallel.For(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (Frontend: new AudioFrontend(), Runner: new EngineRunner(tflite, modelName)),
            (i, _, local) =>
            {
                var clip = clips[i];
                var samples = SpeechCommands.OneSecond(WavFile.Read(clip.Path).RequireMono16k(clip.Path));
                var features = local.Frontend.ComputeFeatures(samples);
                var scores = local.Runner.InputInfo.Type == TensorType.Int8
                    ? local.Runner.Run(features).Select(v => (float)v).ToArray()
                    : local.Runner.Predict(features.Select(q => q / 128f).ToArray());
                var best = 0;
                for (var k = 1; k < scores.Length; k++) if (scores[k] > scores[best]) best = k;
                predictions[i] = new KwsPrediction(clip, Array.IndexOf(labels, clip.Label), best, scores[best]);
                progress?.Invoke(Interlocked.Increment(ref done), clips.Count);
                return local;
            },
            local =>
            {
                local.Runner.Dispose();
                local.Frontend.Dispose();
            });

        var confusion = new ConfusionMatrix(labels);
        foreach (var p in predictions) confusion.Add(p.Actual, p.Predicted);
        var speakers = predictions.Where(p => p.Clip.Speaker.Length > 0).GroupBy(p => p.Clip.Speaker)
            .Select(g => new GroupAccuracy("speaker", g.Key, g.Count(), g.Count(p => p.Actual == p.Predicted)))
            .OrderBy(g => g.Value, StringComparer.Ordinal).ToList();

        var table = UtteranceMetadata.TryLoad(dataDir);
        List<GroupAccuracy> groups;
        string source;
        if (table is not null && predictions.Any(p => table.Has(Path.GetRelativePath(dataDir, p.Clip.Path))))
        {
            source = UtteranceMetadata.FileName;
            var columns = (groupBy is { Count: > 0 } ? groupBy : UtteranceMetadata.DefaultGroupColumns).Where(table.Columns.Contains);
            groups = columns.SelectMany(column => predictions
                    .GroupBy(p => table.Value(Path.GetRelativePath(dataDir, p.Clip.Path), column))
                    .Select(g => new GroupAccuracy(column, g.Key.Length > 0 ? g.Key : "(none)", g.Count(), g.Count(p => p.Actual == p.Predicted)))
                    .OrderBy(g => g.Value, StringComparer.Ordinal))
                .ToList();
        }
        else
        {
            // Real recordings: speakers grouped by how many clips each contributed.
            source = "speakers";
            groups = speakers.GroupBy(s => SpeakerBucket(s.Clips))
                .Select(g => new GroupAccuracy("clips per speaker", g.Key, g.Sum(s => s.Clips), g.Sum(s => s.Correct)))
                .OrderBy(g => g.Value, StringComparer.Ordinal).ToList();
        }
        return new KwsEvaluationResult
        {
            Labels = labels, Confusion = confusion, Predictions = predictions.ToList(), Groups = groups, GroupSource = source,
            Speakers = speakers,
        };
    }

    private static string SpeakerBucket(int clips) => clips switch
    {
        1 => "1",
        <= 3 => "2-3",
        <= 7 => "4-7",
        _ => "8+",
    };

    private static void CheckInput(EngineRunner runner, string name)
    {
        var input = runner.InputInfo;
        if (input.Type == TensorType.Int8 && (input.Scale != 1f / 128f || input.ZeroPoint != 0))
            throw new ModelException($"{name}: int8 input at scale {input.Scale}, zero point {input.ZeroPoint}; keyword models take the frontend's bytes (scale 1/128, zero point 0)");
    }
}

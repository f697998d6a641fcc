using TinyMl.Toolkit.Architectures;
using TinyMl.Toolkit.Model;
using TinyMl.Toolkit.Nn;
using TinyMl.Toolkit.Nn.Kws;

namespace TinyMl.Toolkit.Tests;

/// <summary>Keyword training on a few real clips of ../shared (skipped without it): seconds, not minutes.</summary>
public class KwsTrainingTests
{
    private static readonly DsCnnOptions Tiny = new() { StemChannels = 4, Width = 8, Blocks = 1 };

    [Fact]
    public void ATinyRunLowersTheTrainingLoss()
    {
        using var corpus = TinyCorpus.Create(perLabel: 8);
        var outcome = KwsTraining.Run(new KwsTrainingOptions
        {
            DataFolders = [corpus.Root],
            ValidationFraction = 0,
            Labels = ["yes", "no", "_unknown_"],
            Architecture = new DsCnnOptions { StemChannels = 8, Width = 16, Blocks = 2 },
            Augmentation = KwsAugmentation.None,
            LabelSmoothing = 0,
            Training = new TrainingOptions { Epochs = 20, BatchSize = 8, LearningRate = 1e-2f, WarmupEpochs = 1, WeightDecay = 0, Seed = 3 },
        }, cancel: TestContext.Current.CancellationToken);
        var history = outcome.Result.History;
        Assert.True(history[^1].Loss < 0.75 * history[0].Loss, $"loss {history[0].Loss:F3} → {history[^1].Loss:F3}");
        Assert.Equal(20, outcome.Result.BestEpoch); // no validation: the last epoch is kept
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsWithAugmentationInParallel()
    {
        using var corpus = TinyCorpus.Create(perLabel: 4);
        FloatModel Train(ulong seed) => KwsTraining.Run(new KwsTrainingOptions
        {
            DataFolders = [corpus.Root],
            ValidationFraction = 0.3,
            NoiseFolder = corpus.Noise,
            Architecture = Tiny,
            Training = new TrainingOptions { Epochs = 2, BatchSize = 8, Seed = seed },
        }, cancel: TestContext.Current.CancellationToken).Model;
        var a = Train(5);
        var b = Train(5);
        var c = Train(6);
        for (var i = 0; i < a.Layers.Count; i++)
            Assert.Equal(Parameters(a.Layers[i]), Parameters(b.Layers[i]));
        Assert.NotEqual(Parameters(a.Layers[0]), Parameters(c.Layers[0]));
    }

    [Fact]
    public void ValidationSpeakersNeverTrainAndTheModelDescribesItsTraining()
    {
        using var corpus = TinyCorpus.Create(perLabel: 6);
        var outcome = KwsTraining.Run(new KwsTrainingOptions
        {
            DataFolders = [corpus.Root],
            ValidationFraction = 0.5,
            NoiseFolder = corpus.Noise,
            Architecture = Tiny,
            Training = new TrainingOptions { Epochs = 1, BatchSize = 16 },
        }, cancel: TestContext.Current.CancellationToken);
        Assert.True(outcome.ValidationClips > 0 && outcome.TrainingClips > 0);
        Assert.All(outcome.Validation, c => Assert.Contains(c.Group, outcome.ValidationGroups));
        var m = outcome.Model.Metadata;
        Assert.Equal("micro_speech", m["features"]);
        Assert.Equal(KwsFeatures.Config, m["feature_config"]);
        Assert.Equal(outcome.ValidationClips.ToString(), m["train.validation_clips"]);
        Assert.Contains("validation_accuracy", outcome.Result.HistoryJson());
        Assert.Equal(Data.SpeechCommands.Labels, outcome.Model.Labels);
        outcome.Model.Validate();
    }

    [Fact]
    public void OversamplingCountsAFoldersTrainingClipsSeveralTimes()
    {
        using var corpus = TinyCorpus.Create(perLabel: 3);
        KwsTrainingOutcome Train(int repeat) => KwsTraining.Run(new KwsTrainingOptions
        {
            DataFolders = [corpus.Root],
            Oversample = new Dictionary<string, int> { [corpus.Root] = repeat },
            ValidationFraction = 0.5,
            Architecture = Tiny,
            Training = new TrainingOptions { Epochs = 1, BatchSize = 16 },
        }, cancel: TestContext.Current.CancellationToken);
        var once = Train(1);
        var thrice = Train(3);
        Assert.Equal(3 * once.TrainingClips, thrice.TrainingClips);
        Assert.Equal(once.ValidationClips, thrice.ValidationClips); // held-out clips are never repeated
    }

    [Fact]
    public void SpeakerSplitDependsOnTheNameAloneAndGrowsWithTheFraction()
    {
        var speakers = Enumerable.Range(0, 2000).Select(i => $"{i * 7919:x8}").ToList();
        var small = speakers.Where(s => KeywordClips.IsValidation(s, 0.2)).ToHashSet();
        var large = speakers.Where(s => KeywordClips.IsValidation(s, 0.4)).ToHashSet();
        Assert.InRange(small.Count, 340, 460);
        Assert.InRange(large.Count, 720, 880);
        Assert.Subset(large, small);
        Assert.Equal(small, speakers.Where(s => KeywordClips.IsValidation(s, 0.2)).ToHashSet());
    }

    [Fact]
    public void EpochsBalanceUnknownAndSilenceAgainstTheMeanKeywordClass()
    {
        var clips = new List<KeywordClip>();
        void Add(int label, int count)
        {
            for (var i = 0; i < count; i++) clips.Add(new KeywordClip(new short[16000], label, $"s{label}_{i}", $"{label}/{i}.wav"));
        }
        Add(0, 10);
        Add(1, 20); // keywords: mean 15 per class
        Add(2, 40); // unknown: 15 of them per epoch, in turn
        using var features = new KwsFeatures();
        var task = new KwsTrainingTask(clips, [], ["a", "b", "_unknown_", "_silence_"], NoiseBank.Empty, KwsAugmentation.None, features, seed: 1);
        Assert.Equal(10 + 20 + 15 + 15, task.PlanEpoch(0));
        Assert.Equal(60, task.PlanEpoch(1));
    }

    [Fact]
    public void TimeShiftMovesTheClipAndFillsWithZeros()
    {
        var samples = Enumerable.Range(0, 16000).Select(i => (short)(i % 1000 + 1)).ToArray();
        var clip = new KeywordClip(samples, 0, "s", "x.wav");
        var shifted = KwsAugmenter.Waveform(clip, new RandomStream(2), NoiseBank.Empty, KwsAugmentation.None with { TimeShiftMs = 100 });
        var zeros = shifted.Count(v => v == 0);
        Assert.InRange(zeros, 1, 1600);
        var shift = shifted[0] == 0 ? zeros : -zeros;
        for (var i = Math.Max(0, shift); i < Math.Min(16000, 16000 + shift); i++) Assert.Equal(samples[i - shift], shifted[i]);
    }

    [Fact]
    public void MasksCoverWholeFramesAndChannels()
    {
        var x = Enumerable.Range(0, 49 * 40).Select(i => (float)(i % 7)).ToArray();
        var options = KwsAugmentation.None with { TimeMasks = 1, MaxTimeMaskFrames = 5, FrequencyMasks = 1, MaxFrequencyMaskChannels = 5 };
        var masked = (float[])x.Clone();
        KwsAugmenter.MaskFeatures(masked, 0, 49, 40, new RandomStream(4), options);
        var mean = x.Average();
        var changed = Enumerable.Range(0, x.Length).Where(i => masked[i] != x[i]).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, i => Assert.Equal(mean, masked[i], 4));
    }

    private static float[] Parameters(Layer layer) => layer switch
    {
        Conv2D c => c.Weights,
        DepthwiseConv2D d => d.Weights,
        Dense d => d.Weights,
        BatchNorm b => b.Mean.Concat(b.Variance).Concat(b.Gamma).ToArray(),
        _ => [],
    };
}

/// <summary>A few clips per label copied from ../shared/data/speech_commands/dev into a temporary Speech Commands folder.</summary>
internal sealed class TinyCorpus : IDisposable
{
    private TinyCorpus(string root, string noise)
    {
        Root = root;
        Noise = noise;
    }

    public string Root { get; }

    public string Noise { get; }

    public static TinyCorpus Create(int perLabel, string[]? labels = null)
    {
        var speech = SharedFolders.Shared is { } shared ? Path.Combine(shared, "data", "speech_commands") : null;
        if (speech is null || !Directory.Exists(Path.Combine(speech, "dev")))
            Assert.Skip("../shared/data/speech_commands is absent: keyword training untested");
        var root = Path.Combine(Path.GetTempPath(), $"kws-tiny-{Guid.NewGuid():N}");
        foreach (var label in labels ?? ["yes", "no", "_unknown_", "_silence_"])
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            foreach (var file in Directory.GetFiles(Path.Combine(speech, "dev", label), "*.wav").OrderBy(f => f, StringComparer.Ordinal).Take(perLabel))
                File.Copy(file, Path.Combine(root, label, Path.GetFileName(file)));
        }
        return new TinyCorpus(root, Path.Combine(speech, "_background_noise_"));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

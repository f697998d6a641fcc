using TinyMlDevice.Simulator.Audio;

namespace TinyMlDevice.Simulator.Tests;

// Keyword spotting through the whole device: WAV → simulated I2S DMA → the firmware's I2sMicrophone → the core's
// keyword pipeline on the engine → KeywordEvent notifications the BLE client receives.
public class KeywordTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("yes_1000ms.wav", "yes")]
    [InlineData("no_1000ms.wav", "no")]
    public void Micro_speech_on_a_conformance_recording_reports_its_keyword_once(string clip, string word)
    {
        Assert.SkipWhen(Bench.MicroSpeechPath == null, "needs ../shared/conformance beside the repository");
        string config = Inputs.WithLabels("[vibration]\nenabled = false\n", Inputs.MicroSpeechLabels);

        SimulationResult result = Simulation.Run(new SimulationSetup
        {
            ConfigText = config,
            Audio = WavRecording.Read(Path.Combine(Bench.Shared!, "conformance", "audio", clip)),
            AudioStartS = 2,
            KwsModel = File.ReadAllBytes(Bench.MicroSpeechPath!),
            Imu = "none",
            DurationS = 5,
        });
        RunSummary summary = Bench.Summarize(result);

        var keyword = Assert.Single(summary.Keywords);
        Assert.Equal(word, keyword.Label);
        Assert.InRange(keyword.AtS, 2.0, 4.0); // the clip plays from 2 s to 3 s
        Assert.True(keyword.Confidence >= 0.8f);
        output.WriteLine($"{clip}: \"{keyword.Label}\" at {keyword.AtS:0.000} s, confidence {keyword.Confidence:0.00}");
    }

    [Fact]
    public void The_shipped_model_reports_most_keywords_said_in_the_demo_recording()
    {
        Assert.SkipUnless(File.Exists(Bench.ShippedKwsPath), "models/kws/kws.tflite is not in the repository (yet): nothing to check");

        SimulationResult result = Simulation.Run(Bench.Demo(Bench.DemoAudio.DurationS + 1));
        RunSummary summary = Bench.Summarize(result, Bench.DemoWords);

        output.WriteLine($"heard {summary.KeywordsHeard} of {summary.KeywordsSpoken}; {summary.FalseKeywords.Count} events matched no word: "
            + string.Join(" ", summary.Keywords.Select(k => $"{k.Label}@{k.AtS:0.0}s({k.Confidence:0.00})")));
        Assert.True(summary.KeywordsSpoken >= 10, "the demo says 12 keywords of the model's labels");
        Assert.True(summary.KeywordsHeard * 2 > summary.KeywordsSpoken, $"heard only {summary.KeywordsHeard} of {summary.KeywordsSpoken}");
    }

    [Fact]
    public void The_shipped_model_is_preferred_and_micro_speech_with_its_own_labels_stands_in_for_it()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("TML_SHARED_DIR") != null, "TML_SHARED_DIR overrides the shared/ beside a repository");
        string place = Directory.CreateTempSubdirectory("tinyml-sim-choice-").FullName;
        try
        {
            string repository = Path.Combine(place, "repo");
            Directory.CreateDirectory(Path.Combine(place, "shared", "conformance", "models"));
            Directory.CreateDirectory(Path.Combine(repository, "models", "kws"));
            File.WriteAllBytes(Path.Combine(place, "shared", Inputs.MicroSpeech), new byte[] { 1 });

            var standIn = Inputs.KwsModel(null, null, "[kws]\nthreshold = 0.7\n", repository);
            File.WriteAllBytes(Path.Combine(repository, Inputs.ShippedKwsModel), new byte[] { 2 });
            var shipped = Inputs.KwsModel(null, null, "[kws]\nthreshold = 0.7\n", repository);

            Assert.Equal(new byte[] { 1 }, standIn.Model);
            Assert.Contains("micro_speech", standIn.Description);
            var labels = Core.ConfigParser.Parse(standIn.ConfigText).Kws;
            Assert.Equal(new[] { "_silence_", "_unknown_", "yes", "no" }, labels.Labels);
            Assert.Equal(new[] { "_silence_", "_unknown_" }, labels.IgnoreLabels);
            Assert.Equal(0.7f, labels.Threshold);
            Assert.Equal(new byte[] { 2 }, shipped.Model);
            Assert.Equal("[kws]\nthreshold = 0.7\n", shipped.ConfigText);
        }
        finally
        {
            Directory.Delete(place, recursive: true);
        }
    }
}

using System.Text.Json;
using TinyMl;
using TinyMlDevice.Core.Tests.Fakes;

namespace TinyMlDevice.Core.Tests;

// The whole keyword path through DeviceApp on the micro_speech conformance recordings, with the micro_speech model
// configured (labels silence, unknown, yes, no), in virtual time: room noise (silence_1000ms.wav looped: a microphone
// never delivers digital zeros, to which the frontend's noise estimate would adapt), the recording at 2 s, room noise.
public class DeviceAppKeywordTests
{
    private static Harness MicroSpeech(string wav, long startMs = 2000) => MicroSpeech(Clip(wav), startMs, out _);

    private static Harness MicroSpeech(short[] clip, long startMs, out ScriptedAudio audio)
    {
        var clock = new FakeClock();
        audio = new ScriptedAudio(clock, clip, startMs) { Background = Clip("silence_1000ms.wav") };
        var h = new Harness(audio, null, clock);
        h.Models.Files["micro_speech_quantized.tflite"] = File.ReadAllBytes(Repository.Conformance("models/micro_speech_quantized.tflite"));
        Assert.Equal(ConfigApplyResult.Applied, h.App.ApplyConfig(Configs.Join(Configs.MicroSpeechKws, Configs.NoVibration)));
        return h;
    }

    private static short[] Clip(string wav) => Wav.Read16kMono(Repository.Conformance("audio/" + wav));

    private static readonly string[] Labels = { "silence", "unknown", "yes", "no" };

    public static TheoryData<string> Recordings() => new() { "yes_1000ms.wav", "no_1000ms.wav", "silence_1000ms.wav", "noise_1000ms.wav" };

    [Theory]
    [MemberData(nameof(Recordings))]
    public void ReportsTheRecordingsKeyword(string wav)
    {
        string expected = JsonDocument.Parse(File.ReadAllText(Repository.Conformance("audio/expected_labels.json")))
            .RootElement.GetProperty(wav).GetString()!;
        using Harness h = MicroSpeech(wav);
        h.Run(5000);

        List<KeywordEvent> events = h.Sink.Keywords;
        if (expected is "silence" or "unknown")
        {
            Assert.Empty(events);
            return;
        }

        KeywordEvent e = Assert.Single(events);
        Assert.Equal(expected, Labels[e.LabelIndex]);
        Assert.InRange(e.Confidence, 0.8f, 1f);
        Assert.InRange(e.TimestampMs, 2000u, 4000u); // while the word is in the 1 s ring
        Assert.Equal(0, e.Sequence);
        Assert.Empty(h.Sink.Faults);
    }

    [Fact]
    public void OneEventPerUtteranceAndTheSequenceCounts()
    {
        short[] silence = Clip("silence_1000ms.wav");
        short[] twice = [.. Clip("yes_1000ms.wav"), .. silence, .. silence, .. Clip("yes_1000ms.wav")];
        using Harness h = MicroSpeech(twice, 2000, out _);
        h.Run(8000);
        Assert.Equal(new ushort[] { 0, 1 }, h.Sink.Keywords.Select(k => k.Sequence));
        Assert.All(h.Sink.Keywords, k => Assert.Equal(2, k.LabelIndex));
        Assert.Equal(2, h.App.Status().KeywordEvents);
    }

    [Fact]
    public void InfersEveryStride()
    {
        using Harness h = MicroSpeech("silence_1000ms.wav");
        h.Run(3000);
        // the ring is full after 49 frames (990 ms); then one inference per 20 ms frame
        Assert.InRange(h.App.Kws!.Inferences, 98, 102);
        Assert.Equal((uint)h.App.Kws.Inferences, h.App.Status().KwsInferences);
    }

    [Fact]
    public void ABacklogIsWorkedOffInBoundedSteps()
    {
        using Harness h = MicroSpeech(Clip("yes_1000ms.wav"), 2000, out ScriptedAudio audio);
        h.Clock.Advance(4000); // 64,000 samples waiting
        Assert.True(h.App.Step());
        Assert.Equal(DeviceApp.AudioChunkSamples, audio.Delivered);
        Assert.Equal(AudioFrontend.FrameCount(DeviceApp.AudioChunkSamples), h.App.Kws!.Ring.FramesSinceReset);
        int steps = 1;
        while (h.App.Step())
        {
            steps++;
        }

        // every sample read, a chunk per Step; the ring slides on while an inference runs, so a backlog costs
        // inferences (the newest frames win), never samples or time
        Assert.Equal(64000, audio.Delivered);
        Assert.True(steps >= 64000 / DeviceApp.AudioChunkSamples, $"{steps} steps");
        Assert.Equal(AudioFrontend.FrameCount(64000), h.App.Kws.Ring.FramesSinceReset);
        Assert.True(h.App.Kws.Inferences > 0);
    }

    [Fact]
    public void AMicrophoneFaultIsReportedRetriedWithBackoffAndRecovered()
    {
        using Harness h = MicroSpeech(Clip("yes_1000ms.wav"), 6000, out ScriptedAudio audio);
        audio.FailFromMs = 1500;
        audio.FailUntilMs = 4500;
        h.Run(9000);

        List<FaultReport> faults = h.Sink.Faults;
        Assert.Equal(new[] { FaultCode.SensorFailed, FaultCode.SensorFailed, FaultCode.SensorRecovered }, faults.Select(f => f.Code));
        Assert.All(faults, f => Assert.Equal(FaultSource.Microphone, f.Source));
        Assert.Equal(new[] { 1000, 2000, 0 }, faults.Select(f => f.RetryInMs));
        Assert.Equal(new[] { 1, 2, 0 }, faults.Select(f => f.Attempt));
        Assert.Equal("microphone: I2S read timed out", faults[0].Reason);
        Assert.Equal(2, audio.FailedReads); // no reads while waiting
        Assert.InRange(faults[2].TimestampMs, 4500u, 4600u);
        Assert.Equal(2, Assert.Single(h.Sink.Keywords).LabelIndex); // heard after the recovery
        Assert.Equal(FaultCode.SensorRecovered, h.App.Status().LastFault);
    }

    [Fact]
    public void AnEngineFailureRestartsThePipelineFromItsModel()
    {
        using Harness h = MicroSpeech(Clip("yes_1000ms.wav"), 5000, out _);
        h.Run(1500);
        KwsPipeline broken = h.App.Kws!;
        long inferences = broken.Inferences;
        broken.Dispose(); // its native objects gone: the next call into the engine fails
        h.Run(5500);

        FaultReport fault = Assert.Single(h.Sink.Faults);
        Assert.Equal((FaultCode.EngineFailed, FaultSource.Kws, 1000), (fault.Code, fault.Source, fault.RetryInMs));
        Assert.NotSame(broken, h.App.Kws);
        Assert.True(h.App.Status().KwsRunning);
        Assert.True(h.App.Status().KwsInferences > inferences); // counted across the restart
        Assert.Equal(2, Assert.Single(h.Sink.Keywords).LabelIndex);
    }
}

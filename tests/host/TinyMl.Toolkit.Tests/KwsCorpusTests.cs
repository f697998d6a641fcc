using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class KwsCorpusTests
{
    public static TheoryData<string> Engines => ["espeak-ng", "flite", "festival"];

    private static TtsEngine Require(string name)
    {
        var engine = TtsEngine.ByName(name);
        if (!engine.IsAvailable) Assert.Skip($"{engine.Program} is not installed (Debian package {(name == "festival" ? "festival + festvox-*" : name)}): {name} untested");
        return engine;
    }

    private static KwsCorpusOptions Tiny(string dir, string engine) => new()
    {
        OutDir = dir,
        Seed = 3,
        PerWord = 1,
        Unknown = 2,
        Silence = 2,
        Digits = 0,
        Engines = [engine],
        UseShared = false,
        Jobs = 2,
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void EngineListsEnglishVoices(string name)
    {
        var voices = Require(name).Voices();
        Assert.NotEmpty(voices);
        Assert.All(voices, v => Assert.Equal(name, v.Engine));
        Assert.Equal(voices.Count, voices.Select(v => v.Speaker).Distinct().Count());
        Assert.All(voices, v => Assert.Matches("^[a-z0-9-]+$", v.Speaker));
        if (name == "espeak-ng")
        {
            Assert.Contains(voices, v => v is { Name: "en-us", Variant: "" });
            Assert.Contains(voices, v => v.Gender == "female");
            Assert.DoesNotContain(voices, v => v.Name.StartsWith("mb-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EngineIsDeterministic(string name)
    {
        var engine = Require(name);
        var work = TempDir.Create();
        try
        {
            var request = new TtsRequest(engine.Voices()[0], "stop", 1.1, 1);
            var a = engine.Synthesize([request], work)[0];
            var b = engine.Synthesize([request], work)[0];
            Assert.Equal(a.Samples, b.Samples);
            Assert.True(a.Samples.Length > a.SampleRate / 10);
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TinyCorpusHasSpeechCommandsLayoutAndOneSecondClips(string name)
    {
        Require(name);
        var dir = TempDir.Create();
        try
        {
            var summary = KwsCorpus.Generate(Tiny(dir, name));
            Assert.Equal(14, summary.Clips);
            Assert.Equal(SpeechCommands.Labels.Order(StringComparer.Ordinal),
                Directory.GetDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var clips = SpeechCommands.Load(dir);
            Assert.Equal(14, clips.Count);
            foreach (var clip in clips)
            {
                var wav = WavFile.Read(clip.Path);
                Assert.Equal(16000, wav.SampleRate);
                Assert.Equal(1, wav.Channels);
                Assert.Equal(16000, wav.Frames);
                Assert.NotEqual("", clip.Speaker);
                var x = Pcm.FromWav(wav).Samples;
                if (clip.Label != "_silence_")
                {
                    // the loudest 100 ms holds speech well above −45 dBFS, and nothing clips
                    var loudest = Enumerable.Range(0, 10).Max(k => AudioEffects.Rms(x.AsSpan(k * 1600, 1600)));
                    Assert.True(AudioEffects.ToDb(loudest) > -45, $"{clip.Path}: {AudioEffects.ToDb(loudest):0.0} dBFS");
                }
                Assert.True(AudioEffects.Peak(x) < 0.9, $"{clip.Path} peaks at {AudioEffects.Peak(x):0.00}");
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MetadataDescribesEveryClip()
    {
        Require("espeak-ng");
        var dir = TempDir.Create();
        try
        {
            KwsCorpus.Generate(Tiny(dir, "espeak-ng") with { Words = ["yes", "no"], PerWord = 2 });
            var lines = File.ReadAllLines(Path.Combine(dir, "metadata.csv"));
            Assert.Equal(KwsCorpus.MetadataColumns, lines[0].Split(','));
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(8, rows.Count);
            int Column(string c) => Array.IndexOf(KwsCorpus.MetadataColumns, c);
            Assert.All(rows, r => Assert.Equal(KwsCorpus.MetadataColumns.Length, r.Length));
            Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(dir, r[Column("path")]))));
            Assert.All(rows, r => Assert.StartsWith(r[Column("label")] + "/", r[Column("path")]));
            var speech = rows.Where(r => r[Column("label")] != "_silence_").ToList();
            Assert.All(speech, r => Assert.Equal("espeak-ng", r[Column("engine")]));
            Assert.All(speech, r => Assert.Contains(r[Column("gender")], new[] { "male", "female" }));
            Assert.All(speech, r => Assert.InRange(double.Parse(r[Column("rate")], System.Globalization.CultureInfo.InvariantCulture), 0.7, 1.3));
            Assert.All(rows.Where(r => r[Column("noise")] != "none" && r[Column("label")] != "_silence_"),
                r => Assert.Contains(r[Column("snr_db")], new[] { "30", "20", "15", "10", "5" }));
            Assert.All(rows, r => Assert.True(ulong.TryParse(r[Column("seed")], out _)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalBytesWhateverTheJobCount()
    {
        Require("espeak-ng");
        string a = TempDir.Create(), b = TempDir.Create();
        try
        {
            var options = Tiny(a, "espeak-ng") with { Engines = null, Words = ["yes", "stop"], PerWord = 2 };
            KwsCorpus.Generate(options);
            KwsCorpus.Generate(options with { OutDir = b, Jobs = 1 });
            TempDir.AssertSameFiles(a, b);
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void RealNoiseAndDigitsComeFromSharedWhenPresent()
    {
        Require("espeak-ng");
        if (SharedData.Locate() is not { } shared || !Directory.Exists(Path.Combine(shared, "data", "spoken_digits")))
            Assert.Skip("../shared/data (background noise, spoken digits) not found");
        var dir = TempDir.Create();
        try
        {
            KwsCorpus.Generate(Tiny(dir, "espeak-ng") with { UseShared = true, Words = ["go"], Digits = 3, Silence = 6 });
            var rows = File.ReadAllLines(Path.Combine(dir, "metadata.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(3, rows.Count(r => r[5] == "fsdd" && r[1] == "_unknown_"));
            Assert.Contains(rows, r => r[15].StartsWith("background:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

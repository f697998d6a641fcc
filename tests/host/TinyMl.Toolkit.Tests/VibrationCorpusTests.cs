using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class VibrationCorpusTests
{
    private static VibrationCorpusOptions Tiny(string dir) => new()
    {
        OutDir = dir,
        Seed = 5,
        Minutes = 0.1,
        NormalFiles = 2,
        Faults = [MachineFault.OuterRace, MachineFault.Imbalance],
        Severities = [1],
        Jobs = 2,
    };

    [Fact]
    public void WritesTheLayoutWithMetadataAndOnset()
    {
        var dir = TempDir.Create();
        try
        {
            Assert.Equal(5, VibrationCorpus.Generate(Tiny(dir)));
            Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "normal"), "*.csv").Length);
            Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "anomalous"), "*.csv").Length);
            var lines = File.ReadAllLines(Path.Combine(dir, "metadata.csv"));
            Assert.Equal(VibrationCorpus.MetadataColumns, lines[0].Split(','));
            Assert.Equal(6, lines.Length);
            var onsetRow = lines.Single(l => l.Contains(",developing,")).Split(',');
            Assert.Equal("3", onsetRow[Array.IndexOf(VibrationCorpus.MetadataColumns, "fault_onset_s")]);

            var run = VibrationCsv.Read(Path.Combine(dir, "developing_fault", "m0_outer_race_onset.csv"));
            Assert.Equal("3", run.Property("fault_onset_s"));
            Assert.Equal(1000, run.SampleRateHz);
            Assert.Equal(["x", "y", "z"], run.Axes);
            Assert.Equal(6000, run.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalFiles()
    {
        string a = TempDir.Create(), b = TempDir.Create();
        try
        {
            VibrationCorpus.Generate(Tiny(a));
            VibrationCorpus.Generate(Tiny(b) with { Jobs = 1 });
            TempDir.AssertSameFiles(a, b);
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }
}

internal static class TempDir
{
    public static string Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tinyml-data-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void AssertSameFiles(string a, string b)
    {
        var filesA = Directory.GetFiles(a, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a, f)).Order().ToList();
        var filesB = Directory.GetFiles(b, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b, f)).Order().ToList();
        Assert.Equal(filesA, filesB);
        foreach (var f in filesA)
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), $"{f} differs");
    }
}

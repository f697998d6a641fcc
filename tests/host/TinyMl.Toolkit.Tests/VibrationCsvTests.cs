using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Tests;

public class VibrationCsvTests
{
    private static DataFormatException Fails(string text, double? defaultRate = null) =>
        Assert.Throws<DataFormatException>(() => VibrationCsv.Parse(text, "t.csv", defaultRate));

    [Fact]
    public void ReadsCommentsHeaderAndRows()
    {
        var r = VibrationCsv.Parse("# sample_rate_hz=1000\n# source=test\nx,y,z\n0.5,-1,2e-3\n1,2,3\n", "t.csv");
        Assert.Equal(1000, r.SampleRateHz);
        Assert.Equal(["x", "y", "z"], r.Axes);
        Assert.Equal([0.5f, 1f], r.Channels[0]);
        Assert.Equal([0.002f, 3f], r.Channels[2]);
        Assert.Equal("test", r.Property("source"));
    }

    [Fact]
    public void WriteThenReadGivesTheSameRecording()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vib-{Guid.NewGuid():N}.csv");
        try
        {
            var original = new VibrationRecording
            {
                SampleRateHz = 6664,
                Axes = ["ax", "az"],
                Channels = [[0.25f, -1.5f, 0.000122f], [1, 0.999878f, -16]],
                Properties = [new("sensor", "lsm6ds3")],
            };
            VibrationCsv.Write(path, original);
            var read = VibrationCsv.Read(path);
            Assert.Equal(original.SampleRateHz, read.SampleRateHz);
            Assert.Equal(original.Axes, read.Axes);
            Assert.Equal(original.Channels, read.Channels);
            Assert.Equal("lsm6ds3", read.Property("sensor"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EmptyFileIsNamed() => Assert.Equal("t.csv: empty file", Fails("").Message);

    [Fact]
    public void NumbersWithoutHeaderAreNamed() =>
        Assert.Equal("t.csv: no header: line 2 holds numbers where 1–3 axis names are expected", Fails("# sample_rate_hz=100\n0.1,0.2\n").Message);

    [Fact]
    public void OnlyCommentsIsNoHeader() => Assert.Equal("t.csv: no header (only comment lines)", Fails("# sample_rate_hz=100\n").Message);

    [Fact]
    public void WrongColumnCountNamesTheLine() =>
        Assert.Equal("t.csv: line 5 has 3 columns (the header names 2)", Fails("# sample_rate_hz=100\nx,y\n1,2\n3,4\n5,6,7\n").Message);

    [Fact]
    public void NonNumericValueNamesLineAndColumn() =>
        Assert.Equal("t.csv: line 4 column 2 (y): 'abc' is not a finite number", Fails("# sample_rate_hz=100\nx,y\n1,2\n3,abc\n").Message);

    [Fact]
    public void MissingSampleRateIsNamed() =>
        Assert.Equal("t.csv: missing sample rate (no '# sample_rate_hz=N' line)", Fails("x\n1\n2\n").Message);

    [Fact]
    public void MissingSampleRateTakesTheDefaultWhenGiven() => Assert.Equal(500, VibrationCsv.Parse("x\n1\n", "t.csv", 500).SampleRateHz);

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    public void InvalidSampleRateIsNamed(string value) =>
        Assert.Equal($"t.csv: line 1: invalid sample rate '{value}' (a positive number of Hz expected)", Fails($"# sample_rate_hz={value}\nx\n1\n").Message);

    [Theory]
    [InlineData("# sample_rate_hz=100\nx,y,z\n1,2,3\n4,5")]
    [InlineData("# sample_rate_hz=100\nx,y,z\n1,2,3\n4,5,")]
    [InlineData("# sample_rate_hz=100\nx,y,z\n1,2,3\n4,5,6e-")]
    public void TruncatedLastLineIsNamed(string text) =>
        Assert.Equal("t.csv: line 4 (the last) is truncated: the file ends without a newline inside a row", Fails(text).Message);

    [Fact]
    public void CompleteLastLineWithoutNewlineIsAccepted() =>
        Assert.Equal([1f, 4f], VibrationCsv.Parse("# sample_rate_hz=100\nx,y,z\n1,2,3\n4,5,6", "t.csv").Channels[0]);

    [Fact]
    public void HeaderWithoutSamplesIsNamed() => Assert.Equal("t.csv: no samples after the header", Fails("# sample_rate_hz=100\nx\n").Message);

    [Fact]
    public void MoreThanThreeAxesIsNamed() =>
        Assert.Equal("t.csv: line 2: header has 4 columns (1–3 axis names expected)", Fails("# sample_rate_hz=100\na,b,c,d\n1,2,3,4\n").Message);

    [Fact]
    public void ReadsTheSharedCwruLayoutWhenPresent()
    {
        var file = SharedFile("data/cwru/normal/48k_normal_0.csv");
        if (file is null) Assert.Skip("../shared/data/cwru not found (a clone without shared/ beside it)");
        var r = VibrationCsv.Read(file);
        Assert.Equal(48000, r.SampleRateHz);
        Assert.Equal(["ax"], r.Axes);
        Assert.True(r.DurationSeconds > 5);
    }

    internal static string? SharedFile(string relative)
    {
        var shared = SharedData.Locate();
        var path = shared is null ? null : Path.Combine(shared, relative);
        return path is not null && File.Exists(path) ? path : null;
    }
}

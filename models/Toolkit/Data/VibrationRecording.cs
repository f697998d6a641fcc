namespace TinyMl.Toolkit.Data;

/// <summary>An accelerometer recording: 1–3 axes of samples in g at one rate, with the file's "# key=value" comments.</summary>
public sealed class VibrationRecording
{
    public double SampleRateHz { get; init; }
    public string[] Axes { get; init; } = [];

    /// <summary>One array per axis, all of one length, in g.</summary>
    public float[][] Channels { get; init; } = [];

    /// <summary>Comment properties in file order (sample_rate_hz excluded; it is <see cref="SampleRateHz"/>).</summary>
    public List<KeyValuePair<string, string>> Properties { get; init; } = [];

    public int Length => Channels.Length == 0 ? 0 : Channels[0].Length;
    public double DurationSeconds => Length / SampleRateHz;

    public string? Property(string key) => Properties.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>The same recording at another rate (band-limited, <see cref="Resampler"/>); properties kept.</summary>
    public VibrationRecording ResampledTo(int rateHz)
    {
        var from = (int)Math.Round(SampleRateHz);
        if (Math.Abs(from - SampleRateHz) > 1e-9)
            throw new DataFormatException($"cannot resample from a non-integer rate {SampleRateHz} Hz");
        return new VibrationRecording
        {
            SampleRateHz = rateHz,
            Axes = Axes,
            Channels = Channels.Select(c => Resampler.Resample(c, from, rateHz)).ToArray(),
            Properties = [.. Properties],
        };
    }
}

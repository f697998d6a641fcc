using TinyMl.Toolkit.Data;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>Long background recordings (16 kHz mono WAVs, e.g. Speech Commands' _background_noise_) to cut random segments from.</summary>
public sealed class NoiseBank
{
    private readonly List<short[]> _recordings;

    private NoiseBank(List<short[]> recordings, IReadOnlyList<string> names)
    {
        _recordings = recordings;
        Names = names;
    }

    public static NoiseBank Empty { get; } = new([], []);

    public IReadOnlyList<string> Names { get; }

    public int Count => _recordings.Count;

    /// <summary>Every WAV of the folder, sorted by name; each must be 16 kHz mono and at least one second long.</summary>
    public static NoiseBank Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException($"{folder}: no such folder");
        var files = Directory.GetFiles(folder, "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DataFormatException($"{folder}: no WAV files");
        var recordings = files.Select(f =>
        {
            var samples = WavFile.Read(f).RequireMono16k(f);
            if (samples.Length < 16000) throw new DataFormatException($"{f}: shorter than one second");
            return samples;
        }).ToList();
        return new NoiseBank(recordings, files.Select(System.IO.Path.GetFileName).OfType<string>().ToList());
    }

    /// <summary>A random stretch of `length` samples of a random recording, as floats.</summary>
    public float[] Segment(RandomStream rng, int length)
    {
        var recording = _recordings[rng.NextInt(_recordings.Count)];
        var start = rng.NextInt(recording.Length - length + 1);
        var segment = new float[length];
        for (var i = 0; i < length; i++) segment[i] = recording[start + i];
        return segment;
    }
}

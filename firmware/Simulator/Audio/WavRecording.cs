namespace TinyMlDevice.Simulator.Audio;

/// <summary>
/// Sound the simulated microphone hears: a 16-bit PCM WAV (mono, or the first channel of several). After its end the
/// microphone hears a quiet room: a faint, deterministic noise (a real MEMS microphone never returns constant samples,
/// and the firmware treats a constant slot as a dead microphone).
/// </summary>
public sealed class WavRecording
{
    /// <summary>Amplitude of the quiet room, in 16-bit counts (about −66 dBFS RMS).</summary>
    public const int RoomNoisePeak = 24;

    private readonly short[] _samples;

    public WavRecording(string name, int sampleRateHz, short[] samples)
    {
        Name = name;
        SampleRateHz = sampleRateHz;
        _samples = samples;
    }

    public string Name { get; }

    public int SampleRateHz { get; }

    public int Length => _samples.Length;

    public double DurationS => (double)_samples.Length / SampleRateHz;

    /// <summary>Sample index (from the start), or the quiet room outside the recording.</summary>
    public short At(long index)
    {
        if (index >= 0 && index < _samples.Length)
        {
            return _samples[index];
        }

        return RoomNoise(index);
    }

    /// <summary>A small hash of the index: white-ish noise of ±RoomNoisePeak, the same on every run.</summary>
    public static short RoomNoise(long index)
    {
        ulong h = (ulong)index * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (short)((long)(h % (2 * RoomNoisePeak + 1)) - RoomNoisePeak);
    }

    public static WavRecording Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string name = Path.GetFileName(path);
        if (bytes.Length < 12 || Text(bytes, 0) != "RIFF" || Text(bytes, 8) != "WAVE")
        {
            throw new InvalidDataException($"{name}: not a RIFF/WAVE file");
        }

        int channels = 0;
        int rate = 0;
        int bits = 0;
        int format = 0;
        for (int at = 12; at + 8 <= bytes.Length;)
        {
            string id = Text(bytes, at);
            int size = BitConverter.ToInt32(bytes, at + 4);
            int body = at + 8;
            if (size < 0 || body + size > bytes.Length)
            {
                size = bytes.Length - body; // a truncated last chunk: take what is there
            }

            if (id == "fmt " && size >= 16)
            {
                format = BitConverter.ToUInt16(bytes, body);
                channels = BitConverter.ToUInt16(bytes, body + 2);
                rate = BitConverter.ToInt32(bytes, body + 4);
                bits = BitConverter.ToUInt16(bytes, body + 14);
                if (format == 0xFFFE && size >= 26)
                {
                    format = BitConverter.ToUInt16(bytes, body + 24); // WAVE_FORMAT_EXTENSIBLE: the sub-format's first bytes
                }
            }
            else if (id == "data")
            {
                if (format != 1 || bits != 16 || channels < 1)
                {
                    throw new InvalidDataException($"{name}: only 16-bit PCM WAV is read (format {format}, {bits} bits, {channels} channels)");
                }

                int frames = size / (2 * channels);
                short[] samples = new short[frames];
                for (int i = 0; i < frames; i++)
                {
                    samples[i] = BitConverter.ToInt16(bytes, body + i * 2 * channels);
                }

                return new WavRecording(name, rate, samples);
            }

            at = body + size + (size & 1);
        }

        throw new InvalidDataException($"{name}: no fmt and data chunks");
    }

    private static string Text(byte[] bytes, int at) => System.Text.Encoding.ASCII.GetString(bytes, at, 4);
}

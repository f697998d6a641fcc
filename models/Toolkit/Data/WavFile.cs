using System.Buffers.Binary;
using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>A malformed or unsupported data file: the message names the file and what is wrong.</summary>
public sealed class DataFormatException(string message) : Exception(message);

/// <summary>16-bit PCM WAV files: read (any channel count and rate, reported) and write (mono).</summary>
public sealed class WavFile
{
    public int SampleRate { get; init; }
    public int Channels { get; init; }

    /// <summary>Interleaved samples (frames * channels).</summary>
    public short[] Samples { get; init; } = [];

    public int Frames => Channels == 0 ? 0 : Samples.Length / Channels;

    public static WavFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{path}: cannot read ({e.Message})");
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses RIFF/WAVE with chunks in any order; only 16-bit integer PCM (plain or extensible).</summary>
    public static WavFile Parse(ReadOnlySpan<byte> bytes, string name = "wav")
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new DataFormatException($"{name}: not a RIFF/WAVE file");
        int format = -1, channels = 0, rate = 0, bits = 0;
        ReadOnlySpan<byte> data = default;
        var haveData = false;
        var pos = 12;
        while (pos + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes.Slice(pos, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(pos + 4)..]);
            var body = pos + 8;
            if (size > (uint)(bytes.Length - body))
            {
                if (id != "data") throw new DataFormatException($"{name}: chunk '{id}' is truncated");
                throw new DataFormatException($"{name}: data chunk is truncated ({bytes.Length - body} of {size} bytes)");
            }
            var chunk = bytes.Slice(body, (int)size);
            if (id == "fmt ")
            {
                if (size < 16) throw new DataFormatException($"{name}: fmt chunk too short");
                format = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
                if (format == 0xFFFE)
                {
                    if (size < 40) throw new DataFormatException($"{name}: extensible fmt chunk too short");
                    format = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]); // sub-format GUID starts with the format code
                }
            }
            else if (id == "data")
            {
                data = chunk;
                haveData = true;
            }
            pos = body + (int)size + (int)(size & 1);
        }
        if (format < 0) throw new DataFormatException($"{name}: no fmt chunk");
        if (!haveData) throw new DataFormatException($"{name}: no data chunk");
        if (format != 1) throw new DataFormatException($"{name}: format {format} is not integer PCM");
        if (bits != 16) throw new DataFormatException($"{name}: {bits}-bit samples (16-bit expected)");
        if (channels < 1) throw new DataFormatException($"{name}: {channels} channels");
        if (rate < 1) throw new DataFormatException($"{name}: sample rate {rate}");
        var frames = data.Length / (2 * channels);
        var samples = new short[frames * channels];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
        return new WavFile { SampleRate = rate, Channels = channels, Samples = samples };
    }

    /// <summary>The samples as mono 16 kHz, or a DataFormatException saying why not (stereo, another rate).</summary>
    public short[] RequireMono16k(string name)
    {
        if (Channels != 1) throw new DataFormatException($"{name}: {Channels} channels (mono expected)");
        if (SampleRate != 16000) throw new DataFormatException($"{name}: {SampleRate} Hz (16000 expected)");
        return Samples;
    }

    public static void WriteMono(string path, short[] samples, int sampleRate)
    {
        var bytes = new byte[44 + 2 * samples.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(36 + 2 * samples.Length));
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), (uint)(2 * sampleRate));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)(2 * samples.Length));
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + 2 * i), samples[i]);
        File.WriteAllBytes(path, bytes);
    }
}

using System.Buffers.Binary;
using System.Text;

namespace TinyMlDevice.Core.Tests;

/// <summary>Reads 16 kHz mono 16-bit PCM WAV files (RIFF chunks: fmt, data; others skipped).</summary>
internal static class Wav
{
    public static short[] Read16kMono(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        }

        bool format = false;
        for (int at = 12; at + 8 <= bytes.Length;)
        {
            string id = Encoding.ASCII.GetString(bytes, at, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            int body = at + 8;
            if (size < 0 || body + size > bytes.Length)
            {
                throw new InvalidDataException($"{path}: chunk '{id}' runs past the end of the file");
            }

            if (id == "fmt ")
            {
                ushort encoding = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body));
                ushort channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 2));
                int rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
                ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 14));
                if (encoding != 1 || channels != 1 || rate != 16000 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: format {encoding}, {channels} channels, {rate} Hz, {bits} bits; " +
                        "expected PCM (1), mono, 16000 Hz, 16 bits");
                }

                format = true;
            }
            else if (id == "data")
            {
                if (!format)
                {
                    throw new InvalidDataException($"{path}: data before fmt");
                }

                short[] samples = new short[size / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2 * i));
                }

                return samples;
            }

            at = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk");
    }
}

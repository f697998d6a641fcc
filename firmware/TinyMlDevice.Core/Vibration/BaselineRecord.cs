using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// A calibrated anomaly baseline as kept in the IStateStore, with the setup it was learned under: a baseline is only
    /// valid for the same window, axes, bands, rate, range and autoencoder. Layout (little-endian): version u8 = 1,
    /// window u16, axes u8, bands u8, sample rate u32 (Hz), full scale f32 (g), autoencoder model size u32 (0: none),
    /// baseline length u32, then the engine's serialized baseline (which carries its own version and CRC-32).
    /// </summary>
    public sealed class BaselineRecord
    {
        public const byte Version = 1;
        public const int HeaderLength = 21;

        public BaselineRecord(int window, int axes, int bands, int sampleRateHz, float fullScaleG, int autoencoderBytes)
        {
            Window = window;
            Axes = axes;
            Bands = bands;
            SampleRateHz = sampleRateHz;
            FullScaleG = fullScaleG;
            AutoencoderBytes = autoencoderBytes;
        }

        public int Window { get; }

        public int Axes { get; }

        public int Bands { get; }

        public int SampleRateHz { get; }

        public float FullScaleG { get; }

        /// <summary>Size of the autoencoder model file (0 without one): a changed model needs a new baseline.</summary>
        public int AutoencoderBytes { get; }

        /// <summary>The engine's serialized baseline (AnomalyBaseline.Save).</summary>
        public byte[] Baseline { get; set; }

        public bool SameSetupAs(BaselineRecord other) =>
            Window == other.Window && Axes == other.Axes && Bands == other.Bands && SampleRateHz == other.SampleRateHz &&
            FullScaleG == other.FullScaleG && AutoencoderBytes == other.AutoencoderBytes;

        public byte[] Encode()
        {
            byte[] baseline = Baseline ?? new byte[0];
            byte[] p = new byte[HeaderLength + baseline.Length];
            p[0] = Version;
            LittleEndian.WriteUInt16(p, 1, Window);
            p[3] = (byte)Axes;
            p[4] = (byte)Bands;
            LittleEndian.WriteUInt32(p, 5, (uint)SampleRateHz);
            LittleEndian.WriteSingle(p, 9, FullScaleG);
            LittleEndian.WriteUInt32(p, 13, (uint)AutoencoderBytes);
            LittleEndian.WriteUInt32(p, 17, (uint)baseline.Length);
            Array.Copy(baseline, 0, p, HeaderLength, baseline.Length);
            return p;
        }

        /// <exception cref="ReportFormatException">Not a version-1 record, or its length fields disagree with its size.</exception>
        public static BaselineRecord Decode(byte[] p)
        {
            if (p == null || p.Length < HeaderLength)
            {
                throw new ReportFormatException("baseline record shorter than its " + HeaderLength + "-byte header");
            }

            if (p[0] != Version)
            {
                throw new ReportFormatException("baseline record version " + p[0] + " is not supported (version " + Version + ")");
            }

            uint length = LittleEndian.ReadUInt32(p, 17);
            if (length != (uint)(p.Length - HeaderLength))
            {
                throw new ReportFormatException("baseline record says " + length + " baseline bytes but holds " + (p.Length - HeaderLength));
            }

            BaselineRecord record = new BaselineRecord(LittleEndian.ReadUInt16(p, 1), p[3], p[4], (int)LittleEndian.ReadUInt32(p, 5),
                LittleEndian.ReadSingle(p, 9), (int)LittleEndian.ReadUInt32(p, 13));
            record.Baseline = new byte[length];
            Array.Copy(p, HeaderLength, record.Baseline, 0, (int)length);
            return record;
        }
    }
}

using System;
using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The signed header of a model update (docs/ble-protocol.md, "Update header"): magic "TMUB", format version, target,
    /// model version, size and SHA-256, then an HMAC-SHA-256 tag under the device's key over the 48 bytes before it. The
    /// same 80 bytes open a .tmu bundle (`tinyml package`) and follow the opcode of a ModelUpdate Begin, so the device
    /// checks the tag before it takes a byte of the model, and the digest once it has them all.
    /// </summary>
    public sealed class UpdateManifest
    {
        public const int Length = 80;
        public const int SignedLength = 48;
        public const byte FormatVersion = 1;

        private static readonly byte[] Magic = { (byte)'T', (byte)'M', (byte)'U', (byte)'B' };

        private readonly byte[] _bytes; // the 80 bytes as signed or received

        private UpdateManifest(byte[] bytes)
        {
            _bytes = bytes;
        }

        public UpdateTarget Target => (UpdateTarget)_bytes[5];

        /// <summary>Installed only when above the installed model's version (the built-in model counts as 0).</summary>
        public uint ModelVersion => LittleEndian.ReadUInt32(_bytes, 8);

        public int Size => (int)LittleEndian.ReadUInt32(_bytes, 12);

        /// <summary>A copy of the model's SHA-256.</summary>
        public byte[] Digest
        {
            get
            {
                byte[] digest = new byte[Sha256.DigestBytes];
                Array.Copy(_bytes, 16, digest, 0, digest.Length);
                return digest;
            }
        }

        /// <summary>A copy of the 80 bytes.</summary>
        public byte[] ToBytes() => (byte[])_bytes.Clone();

        /// <summary>The signed header of model for target (host side: `tinyml package`).</summary>
        public static UpdateManifest Sign(byte[] model, UpdateTarget target, uint modelVersion, byte[] key)
        {
            if (model == null || model.Length == 0 || key == null)
            {
                throw new ArgumentException("a model of at least one byte and a key are needed");
            }

            if (target != UpdateTarget.Kws && target != UpdateTarget.Vibration)
            {
                throw new ArgumentException("target must be Kws or Vibration");
            }

            byte[] p = new byte[Length];
            Array.Copy(Magic, p, Magic.Length);
            p[4] = FormatVersion;
            p[5] = (byte)target;
            LittleEndian.WriteUInt32(p, 8, modelVersion);
            LittleEndian.WriteUInt32(p, 12, (uint)model.Length);
            Array.Copy(Sha256.Hash(model, 0, model.Length), 0, p, 16, Sha256.DigestBytes);
            Array.Copy(HmacSha256.Compute(key, p, 0, SignedLength), 0, p, SignedLength, HmacSha256.TagBytes);
            return new UpdateManifest(p);
        }

        /// <summary>Reads the 80 bytes at offset; throws ReportFormatException naming what is wrong (the tag is not checked).</summary>
        public static UpdateManifest Decode(byte[] p, int offset)
        {
            if (p == null || p.Length - offset < Length)
            {
                throw new ReportFormatException("update header: " + Length + " bytes needed");
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (p[offset + i] != Magic[i])
                {
                    throw new ReportFormatException("update header: not a TinyMlDevice update (magic TMUB)");
                }
            }

            if (p[offset + 4] != FormatVersion)
            {
                throw new ReportFormatException("update header format version " + p[offset + 4] + " is not supported (1)");
            }

            byte[] bytes = new byte[Length];
            Array.Copy(p, offset, bytes, 0, Length);
            UpdateManifest m = new UpdateManifest(bytes);
            if (m.Target != UpdateTarget.Kws && m.Target != UpdateTarget.Vibration)
            {
                throw new ReportFormatException("update header target " + bytes[5] + " is not 1 (kws) or 2 (vibration)");
            }

            if (bytes[6] != 0 || bytes[7] != 0)
            {
                throw new ReportFormatException("update header reserved bytes 6-7 are not 0");
            }

            if (LittleEndian.ReadUInt32(bytes, 12) == 0 || LittleEndian.ReadUInt32(bytes, 12) > int.MaxValue)
            {
                throw new ReportFormatException("update header size " + LittleEndian.ReadUInt32(bytes, 12) + " is out of range");
            }

            return m;
        }

        /// <summary>True when the tag is the HMAC-SHA-256 of the signed bytes under key (compared in constant time).</summary>
        public bool Verify(byte[] key)
        {
            byte[] tag = HmacSha256.Compute(key, _bytes, 0, SignedLength);
            return HmacSha256.TagsEqual(tag, 0, _bytes, SignedLength, HmacSha256.TagBytes);
        }

        /// <summary>True when both headers are byte for byte the same (a client resuming the update it began).</summary>
        public bool SameAs(UpdateManifest other)
        {
            return other != null && HmacSha256.TagsEqual(_bytes, 0, other._bytes, 0, Length);
        }

        /// <summary>A .tmu bundle: the signed header, then the model.</summary>
        public static byte[] Package(byte[] model, UpdateTarget target, uint modelVersion, byte[] key)
        {
            UpdateManifest m = Sign(model, target, modelVersion, key);
            byte[] bundle = new byte[Length + model.Length];
            Array.Copy(m._bytes, bundle, Length);
            Array.Copy(model, 0, bundle, Length, model.Length);
            return bundle;
        }
    }
}

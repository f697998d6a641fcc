using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// ModelUpdate writes and their responses (docs/ble-protocol.md): version, opcode, then Begin's 80-byte update header,
    /// or Chunk's offset, CRC-32 and data. Encoders for host tools, strict decoders for the device.
    /// </summary>
    public static class UpdateCodec
    {
        public const byte Version = 1;

        public const int BeginLength = 2 + UpdateManifest.Length;

        /// <summary>Version, opcode, offset (u32), CRC-32 (u32).</summary>
        public const int ChunkHeaderLength = 10;

        /// <summary>The most data one chunk carries: a write is one attribute value of at most 512 bytes.</summary>
        public const int MaxChunkData = BleProtocol.MaxAttributeBytes - ChunkHeaderLength;

        public const int ResponseLength = 19;

        public static byte[] EncodeBegin(UpdateManifest manifest)
        {
            byte[] p = new byte[BeginLength];
            p[0] = Version;
            p[1] = (byte)UpdateOpcode.Begin;
            Array.Copy(manifest.ToBytes(), 0, p, 2, UpdateManifest.Length);
            return p;
        }

        /// <summary>A chunk of count bytes of model from offset, with its CRC-32.</summary>
        public static byte[] EncodeChunk(byte[] model, int offset, int count)
        {
            byte[] p = new byte[ChunkHeaderLength + count];
            p[0] = Version;
            p[1] = (byte)UpdateOpcode.Chunk;
            LittleEndian.WriteUInt32(p, 2, (uint)offset);
            LittleEndian.WriteUInt32(p, 6, TinyMl.Crc32.Compute(model, offset, count));
            Array.Copy(model, offset, p, ChunkHeaderLength, count);
            return p;
        }

        /// <summary>Query, Commit and Abort: version and opcode.</summary>
        public static byte[] Encode(UpdateOpcode opcode) => new byte[] { Version, (byte)opcode };

        /// <summary>The opcode of a well-formed write; throws ReportFormatException for a bad version, opcode or length.</summary>
        public static UpdateOpcode OpcodeOf(byte[] p)
        {
            if (p == null || p.Length < 2 || p[0] != Version)
            {
                throw new ReportFormatException("ModelUpdate write: version 1 and an opcode needed");
            }

            int opcode = p[1];
            if (opcode > (int)UpdateOpcode.Abort)
            {
                throw new ReportFormatException("ModelUpdate opcode " + opcode + " is not defined");
            }

            bool length = opcode == (int)UpdateOpcode.Begin ? p.Length == BeginLength
                : opcode == (int)UpdateOpcode.Chunk ? p.Length > ChunkHeaderLength
                : p.Length == 2;
            if (!length)
            {
                throw new ReportFormatException("ModelUpdate opcode " + opcode + " with " + p.Length + " bytes");
            }

            return (UpdateOpcode)opcode;
        }

        public static byte[] Encode(UpdateResponse r)
        {
            byte[] p = new byte[ResponseLength];
            p[0] = Version;
            p[1] = (byte)r.Opcode;
            p[2] = (byte)r.Result;
            p[3] = (byte)(r.Receiving ? 1 : 0);
            p[4] = (byte)r.Target;
            LittleEndian.WriteUInt32(p, 5, (uint)r.NextOffset);
            LittleEndian.WriteUInt32(p, 9, (uint)r.Size);
            LittleEndian.WriteUInt32(p, 13, r.InstalledVersion);
            LittleEndian.WriteUInt16(p, 17, r.MaxChunkData);
            return p;
        }

        public static UpdateResponse DecodeResponse(byte[] p)
        {
            if (p == null || p.Length != ResponseLength || p[0] != Version)
            {
                throw new ReportFormatException("ModelUpdate response: version 1 has " + ResponseLength + " bytes");
            }

            if (p[2] > (int)CommandResult.StorageFailed || p[3] > 1 || p[4] > (int)UpdateTarget.Vibration)
            {
                throw new ReportFormatException("ModelUpdate response: result " + p[2] + ", state " + p[3] + " or target " +
                    p[4] + " is not defined");
            }

            UpdateResponse r = new UpdateResponse();
            r.Opcode = p[1];
            r.Result = (CommandResult)p[2];
            r.Receiving = p[3] == 1;
            r.Target = (UpdateTarget)p[4];
            r.NextOffset = (int)LittleEndian.ReadUInt32(p, 5);
            r.Size = (int)LittleEndian.ReadUInt32(p, 9);
            r.InstalledVersion = LittleEndian.ReadUInt32(p, 13);
            r.MaxChunkData = LittleEndian.ReadUInt16(p, 17);
            return r;
        }
    }
}

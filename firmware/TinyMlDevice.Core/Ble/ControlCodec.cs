using TinyMl;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Control writes and their responses (docs/ble-protocol.md): version, opcode, session, counter, arguments, then an
    /// HMAC-SHA-256 tag under the device's key over "TMC1" and every byte before the tag. Hello is two bytes, unsigned.
    /// The host signs with <see cref="Encode"/>; the device reads with <see cref="Read"/>, which checks the format and the
    /// tag (the session and counter are the caller's to check: they are state).
    /// </summary>
    public static class ControlCodec
    {
        public const byte Version = 1;

        /// <summary>Version, opcode, session (u32), counter (u32).</summary>
        public const int HeaderLength = 10;

        public const int TagLength = HmacSha256.TagBytes;

        public const int HelloLength = 2;

        public const int ResponseLength = 11;

        private static readonly byte[] Domain = { (byte)'T', (byte)'M', (byte)'C', (byte)'1' };

        /// <summary>A Hello: asks for the session and the last accepted counter.</summary>
        public static byte[] EncodeHello() => new byte[] { Version, (byte)ControlOpcode.Hello };

        /// <summary>The signed command (host side).</summary>
        public static byte[] Encode(ControlCommand command, byte[] key)
        {
            if (command.Opcode == ControlOpcode.Hello)
            {
                return EncodeHello();
            }

            int arguments = ArgumentLength(command.Opcode);
            byte[] p = new byte[HeaderLength + arguments + TagLength];
            p[0] = Version;
            p[1] = (byte)command.Opcode;
            LittleEndian.WriteUInt32(p, 2, command.Session);
            LittleEndian.WriteUInt32(p, 6, command.Counter);
            switch (command.Opcode)
            {
                case ControlOpcode.SetKwsThreshold:
                case ControlOpcode.SetAnomalyThreshold:
                    LittleEndian.WriteSingle(p, HeaderLength, command.Threshold);
                    break;
                case ControlOpcode.SetPipeline:
                    p[HeaderLength] = (byte)command.Pipeline;
                    p[HeaderLength + 1] = (byte)(command.Enabled ? 1 : 0);
                    break;
            }

            byte[] tag = Tag(key, p, p.Length - TagLength);
            System.Array.Copy(tag, 0, p, p.Length - TagLength, TagLength);
            return p;
        }

        /// <summary>
        /// Reads a Control write (device side). Ok with the command, or why not: Malformed, UnknownCommand, NoKey (key is
        /// null), BadTag, InvalidArgument. A Hello is Ok without a key.
        /// </summary>
        public static CommandResult Read(byte[] p, byte[] key, out ControlCommand command)
        {
            command = null;
            if (p == null || p.Length < HelloLength || p[0] != Version)
            {
                return CommandResult.Malformed;
            }

            int opcode = p[1];
            if (opcode > (int)ControlOpcode.Reboot)
            {
                return CommandResult.UnknownCommand;
            }

            if (opcode == (int)ControlOpcode.Hello)
            {
                if (p.Length != HelloLength)
                {
                    return CommandResult.Malformed;
                }

                command = new ControlCommand(ControlOpcode.Hello, 0, 0);
                return CommandResult.Ok;
            }

            if (key == null)
            {
                return CommandResult.NoKey;
            }

            int arguments = ArgumentLength((ControlOpcode)opcode);
            if (p.Length != HeaderLength + arguments + TagLength)
            {
                return CommandResult.Malformed;
            }

            byte[] tag = Tag(key, p, p.Length - TagLength);
            if (!HmacSha256.TagsEqual(tag, 0, p, p.Length - TagLength, TagLength))
            {
                return CommandResult.BadTag;
            }

            ControlCommand c = new ControlCommand((ControlOpcode)opcode, LittleEndian.ReadUInt32(p, 2), LittleEndian.ReadUInt32(p, 6));
            command = c;
            switch (c.Opcode)
            {
                case ControlOpcode.SetKwsThreshold:
                case ControlOpcode.SetAnomalyThreshold:
                    c.Threshold = LittleEndian.ReadSingle(p, HeaderLength);
                    break;
                case ControlOpcode.SetPipeline:
                    c.Pipeline = p[HeaderLength];
                    if (p[HeaderLength + 1] > 1)
                    {
                        return CommandResult.InvalidArgument;
                    }

                    c.Enabled = p[HeaderLength + 1] == 1;
                    break;
            }

            return CommandResult.Ok;
        }

        public static byte[] Encode(ControlResponse r)
        {
            byte[] p = new byte[ResponseLength];
            p[0] = Version;
            p[1] = (byte)r.Opcode;
            p[2] = (byte)r.Result;
            LittleEndian.WriteUInt32(p, 3, r.Session);
            LittleEndian.WriteUInt32(p, 7, r.Counter);
            return p;
        }

        public static ControlResponse DecodeResponse(byte[] p)
        {
            if (p == null || p.Length != ResponseLength || p[0] != Version)
            {
                throw new ReportFormatException("Control response: " + (p == null ? 0 : p.Length) + " bytes or version " +
                    (p == null || p.Length == 0 ? 0 : p[0]) + "; version 1 has " + ResponseLength + " bytes");
            }

            if (p[2] > (int)CommandResult.StorageFailed)
            {
                throw new ReportFormatException("Control response result " + p[2] + " is not defined");
            }

            return new ControlResponse(p[1], (CommandResult)p[2], LittleEndian.ReadUInt32(p, 3), LittleEndian.ReadUInt32(p, 7));
        }

        /// <summary>Argument bytes of each signed opcode.</summary>
        public static int ArgumentLength(ControlOpcode opcode)
        {
            switch (opcode)
            {
                case ControlOpcode.SetKwsThreshold:
                case ControlOpcode.SetAnomalyThreshold:
                    return 4;
                case ControlOpcode.SetPipeline:
                    return 2;
                default:
                    return 0;
            }
        }

        private static byte[] Tag(byte[] key, byte[] p, int length)
        {
            HmacSha256 hmac = new HmacSha256(key);
            hmac.Update(Domain, 0, Domain.Length);
            hmac.Update(p, 0, length);
            return hmac.Finish();
        }
    }
}

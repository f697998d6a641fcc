namespace TinyMlDevice.Core
{
    /// <summary>
    /// The byte payloads of the report characteristics (docs/ble-protocol.md): little-endian, byte 0 the format version,
    /// then a per-channel sequence number and the device time. Encoders for the device, decoders for host tools and
    /// tests; a decoder refuses any payload of another version or length, or with a field out of range.
    /// </summary>
    public static class ReportCodec
    {
        public const byte Version = 1;

        public const int KeywordEventLength = 10;
        public const int AnomalyReportLength = 20;
        public const int StatusLength = 20;
        public const int DeviceInfoLength = 20;

        /// <summary>The fixed part of a Fault payload; the reason follows (0 to FaultReport.MaxReasonLength bytes).</summary>
        public const int FaultHeaderLength = 12;

        private const int FlagCalibrated = 1;
        private const int FlagAlarm = 2;
        private const int FlagAutoencoder = 4;

        public static byte[] Encode(KeywordEvent e)
        {
            byte[] p = Header(KeywordEventLength, e.Sequence, e.TimestampMs);
            p[7] = (byte)e.LabelIndex;
            LittleEndian.WriteUInt16(p, 8, Fraction16(e.Confidence));
            return p;
        }

        public static KeywordEvent DecodeKeywordEvent(byte[] p)
        {
            Check(p, KeywordEventLength, KeywordEventLength, "KeywordEvent");
            KeywordEvent e = new KeywordEvent(p[7], null, LittleEndian.ReadUInt16(p, 8) / 65535f, LittleEndian.ReadUInt32(p, 3));
            e.Sequence = LittleEndian.ReadUInt16(p, 1);
            return e;
        }

        public static byte[] Encode(AnomalyReport r)
        {
            byte[] p = Header(AnomalyReportLength, r.Sequence, r.TimestampMs);
            p[7] = (byte)r.Kind;
            p[8] = (byte)((r.Calibrated ? FlagCalibrated : 0) | (r.AlarmActive ? FlagAlarm : 0) |
                (r.UsesAutoencoder ? FlagAutoencoder : 0));
            LittleEndian.WriteSingle(p, 9, r.Score);
            LittleEndian.WriteSingle(p, 13, r.Threshold);
            LittleEndian.WriteUInt16(p, 17, Saturate(r.Windows, 65535));
            p[19] = (byte)Saturate(r.CalibrationPercent, 100);
            return p;
        }

        public static AnomalyReport DecodeAnomalyReport(byte[] p)
        {
            Check(p, AnomalyReportLength, AnomalyReportLength, "AnomalyReport");
            int kind = p[7];
            if (kind < (int)AnomalyReportKind.AlarmRaised || kind > (int)AnomalyReportKind.Summary)
            {
                throw new ReportFormatException("AnomalyReport kind " + kind + " is not 1 (raised), 2 (cleared) or 3 (summary)");
            }

            int flags = p[8];
            if ((flags & ~(FlagCalibrated | FlagAlarm | FlagAutoencoder)) != 0)
            {
                throw new ReportFormatException("AnomalyReport flags 0x" + flags.ToString("X2") + " set reserved bits");
            }

            float score = Finite(LittleEndian.ReadSingle(p, 9), "AnomalyReport score");
            float threshold = Finite(LittleEndian.ReadSingle(p, 13), "AnomalyReport threshold");
            if (p[19] > 100)
            {
                throw new ReportFormatException("AnomalyReport calibration progress " + p[19] + "% is above 100%");
            }

            AnomalyReport r = new AnomalyReport((AnomalyReportKind)kind, LittleEndian.ReadUInt32(p, 3),
                (flags & FlagCalibrated) != 0, (flags & FlagAlarm) != 0, (flags & FlagAutoencoder) != 0, score, threshold,
                LittleEndian.ReadUInt16(p, 17), p[19]);
            r.Sequence = LittleEndian.ReadUInt16(p, 1);
            return r;
        }

        public static byte[] Encode(StatusReport s)
        {
            byte[] p = new byte[StatusLength];
            p[0] = Version;
            LittleEndian.WriteUInt32(p, 1, s.UptimeS);
            p[5] = (byte)((s.KwsEnabled ? 1 : 0) | (s.KwsRunning ? 2 : 0) | (s.VibrationEnabled ? 4 : 0) |
                (s.VibrationRunning ? 8 : 0) | (s.Calibrated ? 16 : 0) | (s.AlarmActive ? 32 : 0) |
                (s.UsesAutoencoder ? 64 : 0));
            LittleEndian.WriteUInt16(p, 6, Saturate(s.KeywordEvents, 65535));
            LittleEndian.WriteUInt16(p, 8, Saturate(s.AlarmsRaised, 65535));
            LittleEndian.WriteUInt16(p, 10, Saturate(s.KwsLatencyMs, 65535));
            LittleEndian.WriteUInt16(p, 12, Saturate(s.Faults, 65535));
            p[14] = (byte)s.LastFault;
            p[15] = (byte)Saturate(s.CalibrationPercent, 100);
            LittleEndian.WriteUInt32(p, 16, s.KwsInferences);
            return p;
        }

        public static StatusReport DecodeStatus(byte[] p)
        {
            Check(p, StatusLength, StatusLength, "Status");
            int flags = p[5];
            if ((flags & 0x80) != 0)
            {
                throw new ReportFormatException("Status flags 0x" + flags.ToString("X2") + " set reserved bit 7");
            }

            CheckFaultCode(p[14], "Status last fault");
            if (p[15] > 100)
            {
                throw new ReportFormatException("Status calibration progress " + p[15] + "% is above 100%");
            }

            StatusReport s = new StatusReport();
            s.UptimeS = LittleEndian.ReadUInt32(p, 1);
            s.KwsEnabled = (flags & 1) != 0;
            s.KwsRunning = (flags & 2) != 0;
            s.VibrationEnabled = (flags & 4) != 0;
            s.VibrationRunning = (flags & 8) != 0;
            s.Calibrated = (flags & 16) != 0;
            s.AlarmActive = (flags & 32) != 0;
            s.UsesAutoencoder = (flags & 64) != 0;
            s.KeywordEvents = LittleEndian.ReadUInt16(p, 6);
            s.AlarmsRaised = LittleEndian.ReadUInt16(p, 8);
            s.KwsLatencyMs = LittleEndian.ReadUInt16(p, 10);
            s.Faults = LittleEndian.ReadUInt16(p, 12);
            s.LastFault = (FaultCode)p[14];
            s.CalibrationPercent = p[15];
            s.KwsInferences = LittleEndian.ReadUInt32(p, 16);
            return s;
        }

        public static byte[] Encode(FaultReport f)
        {
            string reason = f.Reason.Length > FaultReport.MaxReasonLength ? f.Reason.Substring(0, FaultReport.MaxReasonLength) : f.Reason;
            byte[] p = Header(FaultHeaderLength + reason.Length, f.Sequence, f.TimestampMs);
            p[7] = (byte)f.Code;
            p[8] = (byte)f.Source;
            LittleEndian.WriteUInt16(p, 9, Saturate(f.RetryInMs, 65535));
            p[11] = (byte)Saturate(f.Attempt, 255);
            for (int i = 0; i < reason.Length; i++)
            {
                char c = reason[i];
                p[FaultHeaderLength + i] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?'; // at most 64 characters, once per fault
            }

            return p;
        }

        public static FaultReport DecodeFault(byte[] p)
        {
            Check(p, FaultHeaderLength, FaultHeaderLength + FaultReport.MaxReasonLength, "Fault");
            CheckFaultCode(p[7], "Fault code");
            if (p[8] > (int)FaultSource.Storage)
            {
                throw new ReportFormatException("Fault source " + p[8] + " is not defined (0 to " + (int)FaultSource.Storage + ")");
            }

            char[] reason = new char[p.Length - FaultHeaderLength];
            for (int i = 0; i < reason.Length; i++)
            {
                byte b = p[FaultHeaderLength + i];
                if (b < 0x20 || b > 0x7E)
                {
                    throw new ReportFormatException("Fault reason byte " + i + " (0x" + b.ToString("X2") + ") is not printable ASCII");
                }

                reason[i] = (char)b;
            }

            FaultReport f = new FaultReport((FaultCode)p[7], (FaultSource)p[8], LittleEndian.ReadUInt32(p, 3),
                LittleEndian.ReadUInt16(p, 9), p[11], new string(reason));
            f.Sequence = LittleEndian.ReadUInt16(p, 1);
            return f;
        }

        public static byte[] Encode(DeviceInfo d)
        {
            byte[] p = new byte[DeviceInfoLength];
            p[0] = Version;
            p[1] = (byte)((d.KeySet ? 1 : 0) | (d.UpdateReceiving ? 2 : 0));
            p[2] = (byte)Saturate(d.FirmwareMinor, 255);
            p[3] = (byte)Saturate(d.FirmwareMajor, 255);
            LittleEndian.WriteUInt32(p, 4, d.KwsModelVersion);
            LittleEndian.WriteUInt32(p, 8, d.VibrationModelVersion);
            LittleEndian.WriteUInt16(p, 12, Saturate(d.KwsArenaBytes, 65535));
            LittleEndian.WriteUInt16(p, 14, Saturate(d.VibrationArenaBytes, 65535));
            LittleEndian.WriteUInt16(p, 16, Saturate(d.ManagedFreeKiB, 65535));
            LittleEndian.WriteUInt16(p, 18, Saturate(d.NativeFreeKiB, 65535));
            return p;
        }

        public static DeviceInfo DecodeDeviceInfo(byte[] p)
        {
            Check(p, DeviceInfoLength, DeviceInfoLength, "DeviceInfo");
            if ((p[1] & ~3) != 0)
            {
                throw new ReportFormatException("DeviceInfo flags 0x" + p[1].ToString("X2") + " set reserved bits");
            }

            DeviceInfo d = new DeviceInfo();
            d.KeySet = (p[1] & 1) != 0;
            d.UpdateReceiving = (p[1] & 2) != 0;
            d.FirmwareMinor = p[2];
            d.FirmwareMajor = p[3];
            d.KwsModelVersion = LittleEndian.ReadUInt32(p, 4);
            d.VibrationModelVersion = LittleEndian.ReadUInt32(p, 8);
            d.KwsArenaBytes = LittleEndian.ReadUInt16(p, 12);
            d.VibrationArenaBytes = LittleEndian.ReadUInt16(p, 14);
            d.ManagedFreeKiB = LittleEndian.ReadUInt16(p, 16);
            d.NativeFreeKiB = LittleEndian.ReadUInt16(p, 18);
            return d;
        }

        private static byte[] Header(int length, ushort sequence, uint timestampMs)
        {
            byte[] p = new byte[length];
            p[0] = Version;
            LittleEndian.WriteUInt16(p, 1, sequence);
            LittleEndian.WriteUInt32(p, 3, timestampMs);
            return p;
        }

        private static void Check(byte[] p, int minLength, int maxLength, string what)
        {
            if (p == null || p.Length == 0)
            {
                throw new ReportFormatException(what + ": empty payload");
            }

            if (p[0] != Version)
            {
                throw new ReportFormatException(what + " format version " + p[0] + " is not supported (this decoder reads version " + Version + ")");
            }

            if (p.Length < minLength || p.Length > maxLength)
            {
                string expected = minLength == maxLength ? minLength.ToString() : minLength + " to " + maxLength;
                throw new ReportFormatException(what + " payload has " + p.Length + " bytes; version 1 has " + expected);
            }
        }

        private static void CheckFaultCode(int code, string what)
        {
            if (code > (int)FaultCode.Internal)
            {
                throw new ReportFormatException(what + " " + code + " is not defined (0 to " + (int)FaultCode.Internal + ")");
            }
        }

        private static float Finite(float value, string what)
        {
            if (float.IsNaN(value) || float.IsInfinity(value))
            {
                throw new ReportFormatException(what + " is not a finite number");
            }

            return value;
        }

        private static int Fraction16(float value)
        {
            if (!(value > 0))
            {
                return 0;
            }

            return value >= 1 ? 65535 : (int)(value * 65535 + 0.5f);
        }

        private static int Saturate(int value, int max) => value < 0 ? 0 : value > max ? max : value;
    }
}

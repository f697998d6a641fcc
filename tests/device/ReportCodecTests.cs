using System;
using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/ReportCodecTests.cs.
    [TestClass]
    public class ReportCodecTests
    {
        private static void Refused(Action decode, string message)
        {
            try
            {
                decode();
            }
            catch (ReportFormatException e)
            {
                Assert.IsTrue(e.Message.IndexOf(message) >= 0, "'" + e.Message + "' does not say '" + message + "'");
                return;
            }

            throw new Exception("accepted a payload that says: " + message);
        }

        private static byte[] With(byte[] payload, int at, byte value)
        {
            byte[] copy = new byte[payload.Length];
            Array.Copy(payload, copy, payload.Length);
            copy[at] = value;
            return copy;
        }

        private static byte[] Cut(byte[] payload, int length)
        {
            byte[] copy = new byte[length];
            Array.Copy(payload, copy, length);
            return copy;
        }

        [TestMethod]
        public void KeywordEventRoundTrips()
        {
            KeywordEvent e = new KeywordEvent(2, "yes", 0.875f, 123456789u);
            e.Sequence = 65535;
            byte[] p = ReportCodec.Encode(e);
            Assert.AreEqual(ReportCodec.KeywordEventLength, p.Length);
            KeywordEvent d = ReportCodec.DecodeKeywordEvent(p);
            Assert.AreEqual(2, d.LabelIndex);
            Assert.IsNull(d.Label);
            Near.Equal(0.875, d.Confidence, 0.0001, "confidence");
            Assert.AreEqual(123456789u, d.TimestampMs);
            Assert.AreEqual((ushort)65535, d.Sequence);
        }

        [TestMethod]
        public void KeywordEventLayoutIsLittleEndian()
        {
            KeywordEvent e = new KeywordEvent(7, null, 1f, 0x04030201);
            e.Sequence = 0x0A0B;
            byte[] expected = { 1, 0x0B, 0x0A, 1, 2, 3, 4, 7, 0xFF, 0xFF };
            byte[] p = ReportCodec.Encode(e);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], p[i], "byte " + i);
            }
        }

        [TestMethod]
        public void AnomalyReportRoundTrips()
        {
            AnomalyReport r = new AnomalyReport(AnomalyReportKind.AlarmRaised, 42, true, true, false, 12.5f, 4.25f, 3, 100);
            r.Sequence = 9;
            AnomalyReport d = ReportCodec.DecodeAnomalyReport(ReportCodec.Encode(r));
            Assert.AreEqual((int)AnomalyReportKind.AlarmRaised, (int)d.Kind);
            Assert.AreEqual(42u, d.TimestampMs);
            Assert.IsTrue(d.Calibrated);
            Assert.IsTrue(d.AlarmActive);
            Assert.IsFalse(d.UsesAutoencoder);
            Assert.AreEqual(12.5f, d.Score);
            Assert.AreEqual(4.25f, d.Threshold);
            Assert.AreEqual(3, d.Windows);
            Assert.AreEqual(100, d.CalibrationPercent);
            Assert.AreEqual((ushort)9, d.Sequence);
        }

        [TestMethod]
        public void StatusRoundTrips()
        {
            StatusReport s = new StatusReport();
            s.UptimeS = 86400;
            s.KwsEnabled = true;
            s.VibrationRunning = true;
            s.AlarmActive = true;
            s.KeywordEvents = 70000;
            s.KwsLatencyMs = 38;
            s.LastFault = FaultCode.SensorRecovered;
            s.CalibrationPercent = 55;
            s.KwsInferences = 4000000000u;
            StatusReport d = ReportCodec.DecodeStatus(ReportCodec.Encode(s));
            Assert.AreEqual(86400u, d.UptimeS);
            Assert.IsTrue(d.KwsEnabled);
            Assert.IsFalse(d.KwsRunning);
            Assert.IsTrue(d.VibrationRunning);
            Assert.IsTrue(d.AlarmActive);
            Assert.AreEqual(65535, d.KeywordEvents);
            Assert.AreEqual(38, d.KwsLatencyMs);
            Assert.AreEqual((int)FaultCode.SensorRecovered, (int)d.LastFault);
            Assert.AreEqual(55, d.CalibrationPercent);
            Assert.AreEqual(4000000000u, d.KwsInferences);
        }

        [TestMethod]
        public void FaultRoundTripsWithItsReason()
        {
            FaultReport f = new FaultReport(FaultCode.SensorFailed, FaultSource.Imu, 77, 4000, 3, "I2C address not acknowledged");
            FaultReport d = ReportCodec.DecodeFault(ReportCodec.Encode(f));
            Assert.AreEqual((int)FaultCode.SensorFailed, (int)d.Code);
            Assert.AreEqual((int)FaultSource.Imu, (int)d.Source);
            Assert.AreEqual(4000, d.RetryInMs);
            Assert.AreEqual(3, d.Attempt);
            Assert.AreEqual("I2C address not acknowledged", d.Reason);
        }

        [TestMethod]
        public void MalformedPayloadsAreRefusedWithAReason()
        {
            byte[] keyword = ReportCodec.Encode(new KeywordEvent(1, null, 0.5f, 10));
            byte[] anomaly = ReportCodec.Encode(new AnomalyReport(AnomalyReportKind.Summary, 0, true, false, false, 1, 2, 0, 100));
            byte[] status = ReportCodec.Encode(new StatusReport());
            byte[] fault = ReportCodec.Encode(new FaultReport(FaultCode.SensorFailed, FaultSource.Imu, 0, 0, 1, "nack"));
            Refused(() => ReportCodec.DecodeKeywordEvent(new byte[0]), "empty payload");
            Refused(() => ReportCodec.DecodeKeywordEvent(With(keyword, 0, 2)), "format version 2 is not supported");
            Refused(() => ReportCodec.DecodeKeywordEvent(Cut(keyword, 9)), "has 9 bytes; version 1 has 10");
            Refused(() => ReportCodec.DecodeAnomalyReport(With(anomaly, 7, 4)), "kind 4 is not 1 (raised), 2 (cleared) or 3 (summary)");
            Refused(() => ReportCodec.DecodeAnomalyReport(With(anomaly, 8, 0x08)), "set reserved bits");
            Refused(() => ReportCodec.DecodeAnomalyReport(With(anomaly, 19, 101)), "progress 101% is above 100%");
            Refused(() => ReportCodec.DecodeStatus(With(status, 5, 0x80)), "reserved bit 7");
            Refused(() => ReportCodec.DecodeStatus(With(status, 14, 9)), "last fault 9 is not defined");
            Refused(() => ReportCodec.DecodeFault(Cut(fault, 11)), "has 11 bytes");
            Refused(() => ReportCodec.DecodeFault(With(fault, 8, 7)), "Fault source 7 is not defined");
            Refused(() => ReportCodec.DecodeFault(With(fault, 12, 0)), "is not printable ASCII");
        }
    }
}

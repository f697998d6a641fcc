namespace TinyMlDevice.Core.Tests;

public class ReportCodecTests
{
    [Fact]
    public void KeywordEventRoundTrips()
    {
        var e = new KeywordEvent(2, "yes", 0.875f, 123456789u) { Sequence = 65535 };
        byte[] p = ReportCodec.Encode(e);
        Assert.Equal(ReportCodec.KeywordEventLength, p.Length);
        KeywordEvent d = ReportCodec.DecodeKeywordEvent(p);
        Assert.Equal(2, d.LabelIndex);
        Assert.Null(d.Label);
        Assert.Equal(0.875, d.Confidence, 4);
        Assert.Equal(123456789u, d.TimestampMs);
        Assert.Equal(65535, d.Sequence);
    }

    [Fact]
    public void KeywordEventLayoutIsLittleEndian()
    {
        byte[] p = ReportCodec.Encode(new KeywordEvent(7, null!, 1f, 0x04030201) { Sequence = 0x0A0B });
        Assert.Equal(new byte[] { 1, 0x0B, 0x0A, 1, 2, 3, 4, 7, 0xFF, 0xFF }, p);
    }

    [Theory]
    [InlineData(-0.5f, 0)]
    [InlineData(0f, 0)]
    [InlineData(0.5f, 32768)]
    [InlineData(2f, 65535)]
    [InlineData(float.NaN, 0)]
    public void ConfidenceIsClampedToSixteenBits(float confidence, int expected)
    {
        byte[] p = ReportCodec.Encode(new KeywordEvent(0, null!, confidence, 0));
        Assert.Equal(expected, p[8] | (p[9] << 8));
    }

    [Fact]
    public void AnomalyReportRoundTrips()
    {
        var r = new AnomalyReport(AnomalyReportKind.AlarmRaised, 42, true, true, true, 12.5f, 4.25f, 3, 100) { Sequence = 9 };
        byte[] p = ReportCodec.Encode(r);
        Assert.Equal(ReportCodec.AnomalyReportLength, p.Length);
        Assert.True(p.Length <= BleProtocol.DefaultNotifyBytes);
        AnomalyReport d = ReportCodec.DecodeAnomalyReport(p);
        Assert.Equal(AnomalyReportKind.AlarmRaised, d.Kind);
        Assert.Equal(42u, d.TimestampMs);
        Assert.True(d.Calibrated && d.AlarmActive && d.UsesAutoencoder);
        Assert.Equal(12.5f, d.Score);
        Assert.Equal(4.25f, d.Threshold);
        Assert.Equal(3, d.Windows);
        Assert.Equal(100, d.CalibrationPercent);
        Assert.Equal(9, d.Sequence);
    }

    [Fact]
    public void AnomalyReportLayout()
    {
        byte[] p = ReportCodec.Encode(new AnomalyReport(AnomalyReportKind.Summary, 0, false, false, false, 1f, 0f, 70000, 42));
        Assert.Equal(3, p[7]);
        Assert.Equal(0, p[8]);
        Assert.Equal(BitConverter.GetBytes(1f), p[9..13]);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, p[17..19]); // windows saturate
        Assert.Equal(42, p[19]);
    }

    [Fact]
    public void StatusRoundTrips()
    {
        var s = new StatusReport
        {
            UptimeS = 86400, KwsEnabled = true, KwsRunning = true, VibrationEnabled = true, VibrationRunning = false,
            Calibrated = true, AlarmActive = false, UsesAutoencoder = true, KeywordEvents = 70000, AlarmsRaised = 5,
            KwsLatencyMs = 38, Faults = 2, LastFault = FaultCode.SensorRecovered, CalibrationPercent = 100, KwsInferences = 4_000_000_000,
        };
        byte[] p = ReportCodec.Encode(s);
        Assert.Equal(ReportCodec.StatusLength, p.Length);
        StatusReport d = ReportCodec.DecodeStatus(p);
        Assert.Equal(86400u, d.UptimeS);
        Assert.True(d.KwsEnabled && d.KwsRunning && d.VibrationEnabled && d.Calibrated && d.UsesAutoencoder);
        Assert.False(d.VibrationRunning || d.AlarmActive);
        Assert.Equal(65535, d.KeywordEvents);
        Assert.Equal(5, d.AlarmsRaised);
        Assert.Equal(38, d.KwsLatencyMs);
        Assert.Equal(2, d.Faults);
        Assert.Equal(FaultCode.SensorRecovered, d.LastFault);
        Assert.Equal(100, d.CalibrationPercent);
        Assert.Equal(4_000_000_000u, d.KwsInferences);
    }

    [Fact]
    public void FaultRoundTripsWithItsReason()
    {
        var f = new FaultReport(FaultCode.SensorFailed, FaultSource.Imu, 77, 4000, 3, "I2C address not acknowledged") { Sequence = 1 };
        byte[] p = ReportCodec.Encode(f);
        Assert.Equal(ReportCodec.FaultHeaderLength + f.Reason.Length, p.Length);
        FaultReport d = ReportCodec.DecodeFault(p);
        Assert.Equal(FaultCode.SensorFailed, d.Code);
        Assert.Equal(FaultSource.Imu, d.Source);
        Assert.Equal(77u, d.TimestampMs);
        Assert.Equal(4000, d.RetryInMs);
        Assert.Equal(3, d.Attempt);
        Assert.Equal("I2C address not acknowledged", d.Reason);
    }

    [Fact]
    public void FaultReasonsAreCutAndMadeAscii()
    {
        string reason = "température " + new string('x', 80);
        FaultReport d = ReportCodec.DecodeFault(ReportCodec.Encode(new FaultReport(FaultCode.Internal, FaultSource.App, 0, 100000, 300, reason)));
        Assert.Equal(FaultReport.MaxReasonLength, d.Reason.Length);
        Assert.StartsWith("temp?rature x", d.Reason);
        Assert.Equal(65535, d.RetryInMs);
        Assert.Equal(255, d.Attempt);
    }

    [Fact]
    public void EveryPayloadStartsWithTheVersion()
    {
        Assert.Equal(1, ReportCodec.Encode(new KeywordEvent(0, null!, 0, 0))[0]);
        Assert.Equal(1, ReportCodec.Encode(new AnomalyReport(AnomalyReportKind.Summary, 0, false, false, false, 0, 0, 0, 0))[0]);
        Assert.Equal(1, ReportCodec.Encode(new StatusReport())[0]);
        Assert.Equal(1, ReportCodec.Encode(new FaultReport(FaultCode.None, FaultSource.App, 0, 0, 0, ""))[0]);
    }

    public static TheoryData<string, byte[], string> Rejected()
    {
        byte[] keyword = ReportCodec.Encode(new KeywordEvent(1, null!, 0.5f, 10));
        byte[] anomaly = ReportCodec.Encode(new AnomalyReport(AnomalyReportKind.Summary, 0, true, false, false, 1, 2, 0, 100));
        byte[] status = ReportCodec.Encode(new StatusReport());
        byte[] fault = ReportCodec.Encode(new FaultReport(FaultCode.SensorFailed, FaultSource.Imu, 0, 0, 1, "nack"));
        byte[] With(byte[] p, int at, byte value)
        {
            byte[] copy = (byte[])p.Clone();
            copy[at] = value;
            return copy;
        }

        byte[] NaNScore()
        {
            byte[] copy = (byte[])anomaly.Clone();
            BitConverter.GetBytes(float.NaN).CopyTo(copy, 9);
            return copy;
        }

        return new TheoryData<string, byte[], string>
        {
            { "keyword", Array.Empty<byte>(), "empty payload" },
            { "keyword", With(keyword, 0, 2), "format version 2 is not supported" },
            { "keyword", keyword[..9], "has 9 bytes; version 1 has 10" },
            { "keyword", [.. keyword, 0], "has 11 bytes" },
            { "anomaly", With(anomaly, 0, 0), "format version 0" },
            { "anomaly", With(anomaly, 7, 4), "kind 4 is not 1 (raised), 2 (cleared) or 3 (summary)" },
            { "anomaly", With(anomaly, 7, 0), "kind 0" },
            { "anomaly", With(anomaly, 8, 0x08), "flags 0x08 set reserved bits" },
            { "anomaly", With(anomaly, 19, 101), "progress 101% is above 100%" },
            { "anomaly", NaNScore(), "score is not a finite number" },
            { "anomaly", anomaly[..19], "has 19 bytes" },
            { "status", With(status, 5, 0x80), "reserved bit 7" },
            { "status", With(status, 14, 9), "last fault 9 is not defined" },
            { "status", With(status, 15, 200), "progress 200%" },
            { "status", [.. status, 0], "has 21 bytes; version 1 has 20" },
            { "fault", fault[..11], "has 11 bytes; version 1 has 12 to 76" },
            { "fault", With(fault, 7, 99), "Fault code 99 is not defined" },
            { "fault", With(fault, 8, 7), "Fault source 7 is not defined" },
            { "fault", With(fault, 12, 0), "reason byte 0 (0x00) is not printable ASCII" },
            { "fault", [.. fault, .. new byte[64]], "has 80 bytes" },
        };
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void MalformedPayloadsAreRefusedWithAReason(string channel, byte[] payload, string message)
    {
        Action decode = channel switch
        {
            "keyword" => () => ReportCodec.DecodeKeywordEvent(payload),
            "anomaly" => () => ReportCodec.DecodeAnomalyReport(payload),
            "status" => () => ReportCodec.DecodeStatus(payload),
            _ => () => ReportCodec.DecodeFault(payload),
        };
        Assert.Contains(message, Assert.Throws<ReportFormatException>(decode).Message);
    }

    [Fact]
    public void ANullPayloadIsRefused() =>
        Assert.Throws<ReportFormatException>(() => ReportCodec.DecodeStatus(null!));
}

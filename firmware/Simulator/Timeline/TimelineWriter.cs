using System.Globalization;
using TinyMlDevice.Core;
using TinyMlDevice.Simulator.Ble;

namespace TinyMlDevice.Simulator;

/// <summary>
/// The run as a person reads it: one line per thing the device sent over BLE (decoded with the firmware's codec), per
/// link event, per step the simulator took, and per known event of the recordings (a word said, the fault appearing),
/// in time order; then a summary.
/// </summary>
public static class TimelineWriter
{
    public static void Write(TextWriter output, RunSummary summary, SpokenKeywords? spoken, string? faultName)
    {
        SimulationResult result = summary.Result;
        List<(long TimeUs, int Order, string Source, string Text)> lines = new();
        int order = 0;
        foreach (SimulationNote note in result.Notes)
        {
            lines.Add((note.TimeUs, order++, "sim", note.Text));
        }

        if (spoken != null)
        {
            foreach ((double start, string word) in spoken.Words.Where(w => w.StartS <= result.VirtualSeconds))
            {
                lines.Add(((long)(start * 1e6), order++, "audio", $"\"{word}\" is said{(summary.IsDetectable(word) ? "" : " (not a label of this model)")}"));
            }
        }

        if (summary.FaultOnsetS is double onset && onset <= result.VirtualSeconds)
        {
            lines.Add(((long)(onset * 1e6), order++, "machine", $"a bearing fault starts to develop ({faultName ?? "fault"}), growing to full severity"));
        }

        IReadOnlyList<ReceivedReport> reports = result.Received;
        int next = 0;
        foreach (BleLogEntry entry in result.Log)
        {
            switch (entry.Kind)
            {
                case BleEventKind.Notified:
                case BleEventKind.Read:
                    if (next < reports.Count && reports[next].TimeUs == entry.TimeUs && ReferenceEquals(reports[next].Bytes, entry.Bytes))
                    {
                        ReceivedReport report = reports[next++];
                        lines.Add((entry.TimeUs, order++, Source(report), Describe(report, summary) + (report.ViaRead ? "  (read)" : "")));
                    }

                    break;
                case BleEventKind.NotifyFailed:
                    lines.Add((entry.TimeUs, order++, "ble", $"{entry.Note}: a {ChannelName(entry.Characteristic)} notification never arrives"));
                    break;
                case BleEventKind.Connected:
                case BleEventKind.Disconnected:
                    lines.Add((entry.TimeUs, order++, "ble", entry.Note));
                    break;
                case BleEventKind.Written:
                    lines.Add((entry.TimeUs, order++, "ble", $"write {Convert.ToHexString(entry.Bytes)} to {ChannelName(entry.Characteristic)}: {entry.Note}"));
                    break;
            }
        }

        output.WriteLine("    time  from     what");
        foreach (var line in lines.OrderBy(l => l.TimeUs).ThenBy(l => l.Order))
        {
            output.WriteLine($"{Seconds(line.TimeUs),8}  {line.Source,-7}  {line.Text}");
        }

        WriteSummary(output, summary, spoken);
    }

    public static void WriteSummary(TextWriter output, RunSummary summary, SpokenKeywords? spoken)
    {
        SimulationResult r = summary.Result;
        output.WriteLine();
        double speed = r.WallSeconds > 0 ? r.VirtualSeconds / r.WallSeconds : 0;
        output.WriteLine($"== summary: {r.VirtualSeconds:0.0} s of device time in {r.WallSeconds:0.0} s ({speed:0}x real time)");
        output.WriteLine(r.Crash == null
            ? "firmware: never crashed"
            : $"firmware: CRASHED ({r.Crash.GetType().Name}: {r.Crash.Message})");
        output.WriteLine($"BLE: {summary.Count(ReportChannel.KeywordEvent)} KeywordEvent, {summary.Count(ReportChannel.AnomalyReport)} AnomalyReport, "
            + $"{summary.Count(ReportChannel.Status)} Status, {summary.Count(ReportChannel.Fault)} Fault notifications received; "
            + $"{r.NotificationsLost} lost on the link"
            + (summary.DecodeErrors.Count > 0 ? $"; {summary.DecodeErrors.Count} did NOT decode: {summary.DecodeErrors[0]}" : ""));

        if (r.Config != null && r.Config.Kws.Enabled)
        {
            string heard = string.Join(" ", summary.Keywords.Select(k => $"{k.Label}({k.Confidence:0.00})"));
            output.WriteLine($"keywords: {summary.Keywords.Count} events: {(heard.Length > 0 ? heard : "none")}");
            if (spoken != null)
            {
                output.WriteLine($"          heard {summary.KeywordsHeard} of the {summary.KeywordsSpoken} said that the model knows; "
                    + $"{summary.FalseKeywords.Count} event(s) matched no word said"
                    + (summary.KeywordMatches.Any(m => m.HeardAtS == null)
                        ? "; missed: " + string.Join(" ", summary.KeywordMatches.Where(m => m.HeardAtS == null).Select(m => $"{m.Word}@{m.StartS:0.#}s"))
                        : ""));
            }
        }

        if (r.Config != null && r.Config.Vibration.Enabled)
        {
            string calibrated = summary.CalibratedAtS is double c ? $"calibrated by {c:0.0} s" : "never calibrated";
            float threshold = summary.Anomalies.Where(a => a.Report.Calibrated).Select(a => a.Report.Threshold).FirstOrDefault();
            output.Write($"vibration: {calibrated}{(threshold > 0 ? $" (threshold {threshold:0.00})" : "")}; {summary.Alarms.Count} alarm(s) raised");
            if (summary.FaultOnsetS is double onset)
            {
                output.Write($"; fault appears at {onset:0.0} s: "
                    + (summary.AlarmLatencyS is double latency ? $"alarm {latency:0.0} s later" : "NO alarm after it")
                    + $"; {summary.AlarmsBeforeOnset} false alarm(s) before it");
            }

            output.WriteLine();
        }

        output.WriteLine("faults reported: " + (summary.Faults.Count == 0 ? "none" : string.Join(", ", summary.Faults
            .GroupBy(f => $"{f.Report.Code} ({SourceName(f.Report.Source)})").Select(g => g.Count() == 1 ? g.Key : $"{g.Count()}x {g.Key}"))));
        output.WriteLine($"sensors: IMU {r.ImuPart}: {r.ImuSamplesMeasured} samples measured, FIFO overflowed {r.ImuFifoOverflows} time(s) "
            + $"({r.ImuSamplesOverwritten} samples lost); I2C: {r.I2cTransfers} transfers ({r.I2cFailedTransfers} failed), "
            + $"bus busy {r.I2cBusyFraction * 100:0}% of the time; microphone: {r.AudioFramesDelivered} frames read, "
            + $"{r.AudioFramesLost} lost to overrun, {r.AudioFramesStalled} never delivered (DMA stall)");
        if (r.FinalStatus is StatusReport s)
        {
            output.WriteLine($"at the end: {DescribeStatus(s, summary)}");
        }
    }

    private static string Source(ReceivedReport report) => report.Channel switch
    {
        ReportChannel.KeywordEvent => "keyword",
        ReportChannel.AnomalyReport => "anomaly",
        ReportChannel.Status => "status",
        _ => "FAULT",
    };

    private static string Describe(ReceivedReport report, RunSummary summary)
    {
        if (report.DecodeError != null)
        {
            return $"payload {Convert.ToHexString(report.Bytes)} does not decode: {report.DecodeError}";
        }

        if (report.Keyword is KeywordEvent k)
        {
            return $"#{k.Sequence,-4} \"{summary.LabelOf(k.LabelIndex)}\"  confidence {k.Confidence:0.00}";
        }

        if (report.Anomaly is AnomalyReport a)
        {
            string flags = a.UsesAutoencoder ? ", autoencoder" : "";
            return a.Kind switch
            {
                AnomalyReportKind.AlarmRaised =>
                    $"#{a.Sequence,-4} ALARM RAISED: score {a.Score:0.0} over threshold {a.Threshold:0.00} for {a.Windows} windows in a row{flags}",
                AnomalyReportKind.AlarmCleared =>
                    $"#{a.Sequence,-4} alarm cleared: score {a.Score:0.00} after {a.Windows} normal windows{flags}",
                _ => a.Calibrated
                    ? $"#{a.Sequence,-4} summary: highest score {a.Score:0.00} (threshold {a.Threshold:0.00}), {a.Windows} anomalous window(s){(a.AlarmActive ? ", ALARM ON" : "")}{flags}"
                    : $"#{a.Sequence,-4} summary: learning normal, {a.CalibrationPercent}% done{flags}",
            };
        }

        if (report.Status is StatusReport s)
        {
            return DescribeStatus(s, summary);
        }

        FaultReport f = report.Fault!;
        string retry = f.RetryInMs > 0 ? $"; retry in {f.RetryInMs} ms (attempt {f.Attempt})" : "";
        return $"#{f.Sequence,-4} {f.Code} ({SourceName(f.Source)}): {f.Reason}{retry}";
    }

    private static string DescribeStatus(StatusReport s, RunSummary summary)
    {
        string kws = !s.KwsEnabled ? "kws off" : s.KwsRunning ? "kws running" : "kws NOT running";
        string vibration = !s.VibrationEnabled ? "vibration off"
            : !s.VibrationRunning ? "vibration NOT running"
            : s.Calibrated ? "vibration running (calibrated)" : $"vibration running (learning normal {s.CalibrationPercent}%)";
        string alarm = s.AlarmActive ? ", ALARM ON" : "";
        string lastFault = s.LastFault == FaultCode.None ? "" : $" (last {s.LastFault})";
        return $"up {s.UptimeS} s; {kws}, {vibration}{alarm}; {s.KeywordEvents} keywords, {s.AlarmsRaised} alarms, "
            + $"{s.Faults} faults{lastFault}; {s.KwsInferences} inferences, last {s.KwsLatencyMs} ms";
    }

    private static string SourceName(FaultSource source) => source switch
    {
        FaultSource.App => "app",
        FaultSource.Microphone => "microphone",
        FaultSource.Imu => "IMU",
        FaultSource.Kws => "keyword pipeline",
        FaultSource.Vibration => "vibration pipeline",
        FaultSource.Config => "config",
        _ => "storage",
    };

    private static string ChannelName(Guid uuid)
    {
        string text = uuid.ToString();
        return text switch
        {
            BleProtocol.KeywordEventUuid => "KeywordEvent",
            BleProtocol.AnomalyReportUuid => "AnomalyReport",
            BleProtocol.StatusUuid => "Status",
            BleProtocol.FaultUuid => "Fault",
            BleProtocol.ControlUuid => "Control",
            BleProtocol.ModelUpdateUuid => "ModelUpdate",
            _ => text,
        };
    }

    private static string Seconds(long us) => (us / 1e6).ToString("0.000", CultureInfo.InvariantCulture) + "s";
}

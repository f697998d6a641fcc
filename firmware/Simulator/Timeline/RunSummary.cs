using TinyMlDevice.Core;

namespace TinyMlDevice.Simulator;

/// <summary>The figures a run comes to, from what the BLE client received (and the recordings' own truth, when known).</summary>
public sealed class RunSummary
{
    public RunSummary(SimulationResult result, string[] labels, SpokenKeywords? spoken, double? faultOnsetS)
    {
        Result = result;
        Labels = labels;
        IReadOnlyList<ReceivedReport> received = result.Received;
        Keywords = received.Where(r => r.Keyword != null && !r.ViaRead)
            .Select(r => (r.TimeS, LabelOf(r.Keyword!.LabelIndex), r.Keyword.Confidence)).ToList();
        Anomalies = received.Where(r => r.Anomaly != null).Select(r => (r.TimeS, r.Anomaly!)).ToList();
        Faults = received.Where(r => r.Fault != null).Select(r => (r.TimeS, r.Fault!)).ToList();
        Statuses = received.Where(r => r.Status != null).Select(r => (r.TimeS, r.Status!)).ToList();
        DecodeErrors = received.Where(r => r.DecodeError != null).Select(r => r.DecodeError!).ToList();
        Alarms = Anomalies.Where(a => a.Report.Kind == AnomalyReportKind.AlarmRaised).Select(a => a.TimeS).ToList();
        CalibratedAtS = Anomalies.Where(a => a.Report.Calibrated).Select(a => (double?)a.TimeS).FirstOrDefault();
        FaultOnsetS = faultOnsetS;
        if (faultOnsetS is double onset)
        {
            FirstAlarmAfterOnsetS = Alarms.Where(t => t >= onset).Select(t => (double?)t).FirstOrDefault();
            AlarmsBeforeOnset = Alarms.Count(t => t < onset);
        }
        else
        {
            AlarmsBeforeOnset = Alarms.Count;
        }

        if (spoken != null)
        {
            var match = spoken.Match(Keywords.Select(k => (k.AtS, k.Label)).ToList(), IsDetectable);
            KeywordsHeard = match.Heard;
            KeywordsSpoken = match.Spoken;
            KeywordMatches = match.Matches;
            FalseKeywords = match.Extra;
        }
    }

    public SimulationResult Result { get; }

    public string[] Labels { get; }

    public List<(double AtS, string Label, float Confidence)> Keywords { get; }

    public List<(double TimeS, AnomalyReport Report)> Anomalies { get; }

    public List<(double TimeS, FaultReport Report)> Faults { get; }

    public List<(double TimeS, StatusReport Report)> Statuses { get; }

    public List<string> DecodeErrors { get; }

    /// <summary>Times (s) the alarm was raised.</summary>
    public List<double> Alarms { get; }

    /// <summary>First report saying the baseline is calibrated.</summary>
    public double? CalibratedAtS { get; }

    public double? FaultOnsetS { get; }

    public double? FirstAlarmAfterOnsetS { get; }

    public double? AlarmLatencyS => FirstAlarmAfterOnsetS - FaultOnsetS;

    /// <summary>Alarms raised while the machine was healthy (before the fault onset, or all of them without one).</summary>
    public int AlarmsBeforeOnset { get; }

    public int KeywordsHeard { get; }

    public int KeywordsSpoken { get; }

    public List<(double StartS, string Word, double? HeardAtS)> KeywordMatches { get; } = new();

    public List<(double AtS, string Label)> FalseKeywords { get; } = new();

    /// <summary>Notifications per channel the client received.</summary>
    public int Count(ReportChannel channel) => Result.Received.Count(r => r.Channel == channel && !r.ViaRead);

    /// <summary>Reports the client can tell it missed: gaps in each channel's sequence numbers.</summary>
    public int SequenceGaps(ReportChannel channel)
    {
        int missing = 0;
        int? last = null;
        foreach (ReceivedReport r in Result.Received.Where(r => r.Channel == channel && !r.ViaRead))
        {
            int sequence = r.Keyword?.Sequence ?? r.Anomaly?.Sequence ?? r.Fault?.Sequence ?? -1;
            if (sequence < 0)
            {
                continue;
            }

            if (last is int previous)
            {
                missing += (sequence - previous - 1 + 65536) % 65536;
            }

            last = sequence;
        }

        return missing;
    }

    public string LabelOf(int index) => index >= 0 && index < Labels.Length ? Labels[index] : "#" + index;

    /// <summary>A word the configured model can report: one of its labels and not an ignored one.</summary>
    public bool IsDetectable(string word)
    {
        if (Result.Config == null)
        {
            return false;
        }

        int index = Array.IndexOf(Result.Config.Kws.Labels, word);
        return index >= 0 && !Result.Config.Kws.IsIgnored(index);
    }
}

using TinyMlDevice.Core;
using TinyMlDevice.Simulator.Ble;

namespace TinyMlDevice.Simulator;

/// <summary>A report the BLE client received (a notification, or a Status read), decoded with the firmware's own codec.</summary>
public sealed class ReceivedReport
{
    private static readonly Dictionary<Guid, ReportChannel> Channels = new()
    {
        [new Guid(BleProtocol.KeywordEventUuid)] = ReportChannel.KeywordEvent,
        [new Guid(BleProtocol.AnomalyReportUuid)] = ReportChannel.AnomalyReport,
        [new Guid(BleProtocol.StatusUuid)] = ReportChannel.Status,
        [new Guid(BleProtocol.FaultUuid)] = ReportChannel.Fault,
    };

    public long TimeUs { get; private init; }

    public double TimeS => TimeUs / 1e6;

    public ReportChannel Channel { get; private init; }

    public bool ViaRead { get; private init; }

    public byte[] Bytes { get; private init; } = Array.Empty<byte>();

    public KeywordEvent? Keyword { get; private init; }

    public AnomalyReport? Anomaly { get; private init; }

    public StatusReport? Status { get; private init; }

    public FaultReport? Fault { get; private init; }

    /// <summary>Why the payload did not decode (a protocol bug the simulator makes visible), or null.</summary>
    public string? DecodeError { get; private init; }

    public static IReadOnlyList<ReceivedReport> From(IEnumerable<BleLogEntry> log)
    {
        List<ReceivedReport> reports = new();
        foreach (BleLogEntry entry in log)
        {
            bool read = entry.Kind == BleEventKind.Read;
            if ((entry.Kind != BleEventKind.Notified && !read) || !Channels.TryGetValue(entry.Characteristic, out ReportChannel channel))
            {
                continue;
            }

            if (read && entry.Bytes.Length == 0)
            {
                continue;
            }

            try
            {
                reports.Add(new ReceivedReport
                {
                    TimeUs = entry.TimeUs,
                    Channel = channel,
                    ViaRead = read,
                    Bytes = entry.Bytes,
                    Keyword = channel == ReportChannel.KeywordEvent ? ReportCodec.DecodeKeywordEvent(entry.Bytes) : null,
                    Anomaly = channel == ReportChannel.AnomalyReport ? ReportCodec.DecodeAnomalyReport(entry.Bytes) : null,
                    Status = channel == ReportChannel.Status ? ReportCodec.DecodeStatus(entry.Bytes) : null,
                    Fault = channel == ReportChannel.Fault ? ReportCodec.DecodeFault(entry.Bytes) : null,
                });
            }
            catch (ReportFormatException e)
            {
                reports.Add(new ReceivedReport { TimeUs = entry.TimeUs, Channel = channel, ViaRead = read, Bytes = entry.Bytes, DecodeError = e.Message });
            }
        }

        return reports;
    }
}

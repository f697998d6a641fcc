namespace TinyMlDevice.Core.Tests.Fakes;

/// <summary>Keeps every published payload with its channel, decoded for the assertions.</summary>
internal sealed class RecordingSink : IReportSink
{
    public bool Connected { get; set; } = true;

    public List<(ReportChannel Channel, byte[] Payload)> Published { get; } = new();

    public bool ThrowOnPublish { get; set; }

    public void Publish(ReportChannel channel, byte[] payload)
    {
        Published.Add((channel, payload));
        if (ThrowOnPublish)
        {
            throw new InvalidOperationException("link lost");
        }
    }

    public List<KeywordEvent> Keywords => Decode(ReportChannel.KeywordEvent, ReportCodec.DecodeKeywordEvent);

    public List<AnomalyReport> Anomalies => Decode(ReportChannel.AnomalyReport, ReportCodec.DecodeAnomalyReport);

    public List<StatusReport> Statuses => Decode(ReportChannel.Status, ReportCodec.DecodeStatus);

    public List<FaultReport> Faults => Decode(ReportChannel.Fault, ReportCodec.DecodeFault);

    private List<T> Decode<T>(ReportChannel channel, Func<byte[], T> decode) =>
        Published.Where(p => p.Channel == channel).Select(p => decode(p.Payload)).ToList();
}

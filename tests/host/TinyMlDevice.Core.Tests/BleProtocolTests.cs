namespace TinyMlDevice.Core.Tests;

public class BleProtocolTests
{
    private static readonly string[] Uuids =
    {
        BleProtocol.ServiceUuid, BleProtocol.KeywordEventUuid, BleProtocol.AnomalyReportUuid, BleProtocol.StatusUuid,
        BleProtocol.FaultUuid, BleProtocol.ControlUuid, BleProtocol.ModelUpdateUuid,
    };

    [Fact]
    public void UuidsAreDistinctAndWellFormed()
    {
        Assert.All(Uuids, u => Assert.Equal(u, Guid.Parse(u).ToString()));
        Assert.Equal(Uuids.Length, Uuids.Distinct().Count());
    }

    [Fact]
    public void EachReportChannelHasItsCharacteristic()
    {
        Assert.Equal(BleProtocol.KeywordEventUuid, BleProtocol.CharacteristicUuid(ReportChannel.KeywordEvent));
        Assert.Equal(BleProtocol.AnomalyReportUuid, BleProtocol.CharacteristicUuid(ReportChannel.AnomalyReport));
        Assert.Equal(BleProtocol.StatusUuid, BleProtocol.CharacteristicUuid(ReportChannel.Status));
        Assert.Equal(BleProtocol.FaultUuid, BleProtocol.CharacteristicUuid(ReportChannel.Fault));
    }

    [Fact]
    public void TheDocumentNamesEveryUuid()
    {
        string doc = File.ReadAllText(Repository.PathOf("docs/ble-protocol.md"));
        Assert.All(Uuids, u => Assert.Contains(u, doc));
    }

    [Fact]
    public void FixedPayloadsFitOneNotificationAtTheDefaultMtu()
    {
        Assert.True(ReportCodec.KeywordEventLength <= BleProtocol.DefaultNotifyBytes);
        Assert.True(ReportCodec.AnomalyReportLength <= BleProtocol.DefaultNotifyBytes);
        Assert.True(ReportCodec.StatusLength <= BleProtocol.DefaultNotifyBytes);
        Assert.True(ReportCodec.FaultHeaderLength <= BleProtocol.DefaultNotifyBytes);
    }
}

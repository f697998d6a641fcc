namespace TinyMlDevice.Core.Tests;

public class BaselineRecordTests
{
    private static BaselineRecord Record() => new(1024, 3, 16, 1000, 4f, 0) { Baseline = new byte[] { 1, 2, 3 } };

    [Fact]
    public void RoundTrips()
    {
        BaselineRecord d = BaselineRecord.Decode(Record().Encode());
        Assert.True(d.SameSetupAs(Record()));
        Assert.Equal(new byte[] { 1, 2, 3 }, d.Baseline);
    }

    [Fact]
    public void AnyChangedSettingIsAnotherSetup()
    {
        BaselineRecord r = Record();
        Assert.False(r.SameSetupAs(new BaselineRecord(512, 3, 16, 1000, 4f, 0)));
        Assert.False(r.SameSetupAs(new BaselineRecord(1024, 1, 16, 1000, 4f, 0)));
        Assert.False(r.SameSetupAs(new BaselineRecord(1024, 3, 8, 1000, 4f, 0)));
        Assert.False(r.SameSetupAs(new BaselineRecord(1024, 3, 16, 6664, 4f, 0)));
        Assert.False(r.SameSetupAs(new BaselineRecord(1024, 3, 16, 1000, 16f, 0)));
        Assert.False(r.SameSetupAs(new BaselineRecord(1024, 3, 16, 1000, 4f, 2048)));
    }

    [Fact]
    public void RefusesOtherVersionsAndTruncation()
    {
        byte[] p = Record().Encode();
        p[0] = 2;
        Assert.Contains("version 2", Assert.Throws<ReportFormatException>(() => BaselineRecord.Decode(p)).Message);
        Assert.Contains("says 3 baseline bytes but holds 2",
            Assert.Throws<ReportFormatException>(() => BaselineRecord.Decode(Record().Encode()[..^1])).Message);
        Assert.Throws<ReportFormatException>(() => BaselineRecord.Decode(new byte[5]));
    }
}

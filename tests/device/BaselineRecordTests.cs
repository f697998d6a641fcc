using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/BaselineRecordTests.cs.
    [TestClass]
    public class BaselineRecordTests
    {
        private static BaselineRecord Record()
        {
            BaselineRecord r = new BaselineRecord(1024, 3, 16, 1000, 4f, 0);
            r.Baseline = new byte[] { 1, 2, 3 };
            return r;
        }

        [TestMethod]
        public void RoundTrips()
        {
            BaselineRecord d = BaselineRecord.Decode(Record().Encode());
            Assert.IsTrue(d.SameSetupAs(Record()));
            Assert.AreEqual(3, d.Baseline.Length);
            Assert.AreEqual((byte)3, d.Baseline[2]);
        }

        [TestMethod]
        public void AnyChangedSettingIsAnotherSetup()
        {
            BaselineRecord r = Record();
            Assert.IsFalse(r.SameSetupAs(new BaselineRecord(512, 3, 16, 1000, 4f, 0)));
            Assert.IsFalse(r.SameSetupAs(new BaselineRecord(1024, 3, 8, 1000, 4f, 0)));
            Assert.IsFalse(r.SameSetupAs(new BaselineRecord(1024, 3, 16, 1000, 16f, 0)));
            Assert.IsFalse(r.SameSetupAs(new BaselineRecord(1024, 3, 16, 1000, 4f, 2048)));
        }

        [TestMethod]
        public void RefusesOtherVersions()
        {
            byte[] p = Record().Encode();
            p[0] = 2;
            Assert.ThrowsException(typeof(ReportFormatException), () => BaselineRecord.Decode(p));
        }
    }
}

using System;
using nanoFramework.TestFramework;

namespace TinyMlDevice.Core.DeviceTests
{
    // Mirrors tests/host/TinyMlDevice.Core.Tests/ConfigParserTests.cs.
    [TestClass]
    public class ConfigParserTests
    {
        private static ConfigError[] Refused(string text)
        {
            try
            {
                ConfigParser.Parse(text);
            }
            catch (ConfigException e)
            {
                return e.Errors;
            }

            throw new Exception("the text was accepted: " + text);
        }

        private static ConfigError Single(string text)
        {
            ConfigError[] errors = Refused(text);
            Assert.AreEqual(1, errors.Length, errors[0].ToString());
            return errors[0];
        }

        private static void RefusedWith(string text, string message)
        {
            string actual = Single(text).Message;
            Assert.IsTrue(actual.IndexOf(message) >= 0, "'" + actual + "' does not say '" + message + "'");
        }

        [TestMethod]
        public void EmptyTextGivesEveryDefault()
        {
            DeviceConfig c = ConfigParser.Parse("");
            Assert.AreEqual((int)BoardTarget.Esp32BleRev3, (int)c.Board.Target);
            Assert.AreEqual((int)MicrophoneInterface.I2s, (int)c.Microphone.Interface);
            Assert.AreEqual(16000, c.Microphone.SampleRateHz);
            Assert.AreEqual(1000, c.Imu.OdrHz);
            Assert.IsTrue(c.Kws.Enabled);
            Assert.AreEqual("models/kws/kws.tflite", c.Kws.Model);
            Assert.AreEqual(12, c.Kws.Labels.Length);
            Assert.AreEqual(0.8f, c.Kws.Threshold);
            Assert.AreEqual("", c.Vibration.Model);
            Assert.AreEqual(512, c.Vibration.HopSamples);
            Assert.AreEqual("TinyMlDevice", c.Ble.DeviceName);
        }

        [TestMethod]
        public void ReadsSectionsKeysValuesAndComments()
        {
            DeviceConfig c = ConfigParser.Parse(
                "# a comment line\n\n[kws]   # after a header\n  threshold   =   0.65    # after a value\n" +
                "labels = a, b ,c\nignore_labels = c\nstride_frames=1\n[board]\nstatus_led_pin = -1\n");
            Assert.AreEqual(0.65f, c.Kws.Threshold);
            Assert.AreEqual(3, c.Kws.Labels.Length);
            Assert.AreEqual("b", c.Kws.Labels[1]);
            Assert.IsTrue(c.Kws.IsIgnored(2));
            Assert.IsFalse(c.Kws.IsIgnored(0));
            Assert.AreEqual(1, c.Kws.StrideFrames);
            Assert.AreEqual(-1, c.Board.StatusLedPin);
        }

        [TestMethod]
        public void WindowsLineEndingsAreAccepted()
        {
            Assert.AreEqual(3, ConfigParser.Parse("[kws]\r\nstride_frames = 3\r\n").Kws.StrideFrames);
        }

        [TestMethod]
        public void AnErrorNamesLineSectionAndKey()
        {
            ConfigError e = Single("[ble]\ndevice_name = x\n\n[kws]\nthreshold = 1.5\n");
            Assert.AreEqual(5, e.Line);
            Assert.AreEqual("kws", e.Section);
            Assert.AreEqual("threshold", e.Key);
            Assert.AreEqual("line 5 [kws] threshold: 1.5 is outside 0.01..1", e.ToString());
        }

        [TestMethod]
        public void EveryProblemIsReportedAtOnceInLineOrder()
        {
            ConfigError[] errors = Refused("[kws]\nthreshold = high\nstride_frames = 0\n[vibration]\nwindow_samples = 1000\n");
            Assert.AreEqual(3, errors.Length);
            Assert.AreEqual(2, errors[0].Line);
            Assert.AreEqual(3, errors[1].Line);
            Assert.AreEqual(5, errors[2].Line);
        }

        [TestMethod]
        public void MalformedNumbersAreRefused()
        {
            RefusedWith("[kws]\nthreshold = 0.5.1", "is not a number");
            RefusedWith("[kws]\nthreshold = 1e-1", "is not a number");
            RefusedWith("[kws]\nthreshold = .5", "is not a number");
            RefusedWith("[kws]\nrefractory_ms = 10.5", "is not a whole number");
            RefusedWith("[kws]\nrefractory_ms = 0x10", "is not a whole number");
            RefusedWith("[kws]\nrefractory_ms = 60001", "60001 is outside 0..60000");
        }

        [TestMethod]
        public void MalformedChoicesAndNamesAreRefused()
        {
            RefusedWith("[kws]\nenabled = yes", "'yes' is not true or false");
            RefusedWith("[microphone]\ninterface = I2S", "'I2S' is not one of i2s, pdm");
            RefusedWith("[imu]\nrange_g = 3", "3 is not one of 2, 4, 8, 16");
            RefusedWith("[microphone]\nsample_rate_hz = 8000", "must be 16000");
            RefusedWith("[kws]\nlabels = yes,yes", "'yes' appears twice");
            RefusedWith("[kws]\nmodel = models/../kws.tflite", "is not a relative path");
            RefusedWith("[kws]\nmodel = models/kws.bin", "does not end in .tflite");
        }

        [TestMethod]
        public void StructuralProblemsAreRefused()
        {
            RefusedWith("threshold = 1", "key outside any section");
            RefusedWith("[kws]\nthreshold", "is not a key = value line");
            RefusedWith("[audio]\nrate = 1\n", "unknown section");
            RefusedWith("[kws]\nthreshhold = 0.5\n", "unknown key");
            RefusedWith("[kws]\nThreshold = 0.5\n", "is not a key");
            RefusedWith("[kws]\nthreshold = 0.5\nthreshold = 0.6\n", "already set at line 2");
        }

        [TestMethod]
        public void PinsMustExistBeFreeAndServeOnce()
        {
            RefusedWith("[board]\nstatus_led_pin = 7", "GPIO 6 to 11 of the ESP32 drive its SPI flash");
            RefusedWith("[board]\nstatus_led_pin = 35", "GPIO 34 to 39 of the ESP32 are input-only");
            RefusedWith("[imu]\nclock_pin = 26", "GPIO 26 is already [microphone] bck_pin (its default)");
            Assert.AreEqual(35, ConfigParser.Parse("[microphone]\ndata_pin = 35").Microphone.DataPin);
        }

        [TestMethod]
        public void ContradictorySettingsAreRefused()
        {
            RefusedWith("[kws]\nignore_labels = maybe", "'maybe' is not one of the labels");
            RefusedWith("[imu]\nsensor = mpu6050\nodr_hz = 3332", "above the MPU6050's 1000 Hz");
            RefusedWith("[vibration]\nlearn_normal_s = 1\n[imu]\nodr_hz = 100", "the baseline needs 4 to 65535");
        }

        [TestMethod]
        public void DerivedValuesFollowTheSettings()
        {
            DeviceConfig c = ConfigParser.Parse("[kws]\nstride_frames = 2\n[vibration]\nwindow_samples = 256\noverlap = 0.75\nlearn_normal_s = 10");
            Assert.AreEqual(25, c.Kws.AverageInferences);
            Assert.AreEqual(64, c.Vibration.HopSamples);
            Assert.AreEqual(157, c.Vibration.CalibrationWindows(1000));
        }
    }
}

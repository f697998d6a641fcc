namespace TinyMlDevice.Core.Tests;

public class ConfigParserTests
{
    private static ConfigError[] Refused(string text) => Assert.Throws<ConfigException>(() => ConfigParser.Parse(text)).Errors;

    private static ConfigError Single(string text)
    {
        ConfigError[] errors = Refused(text);
        Assert.True(errors.Length == 1, "expected one error, got:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return errors[0];
    }

    [Fact]
    public void EmptyTextGivesEveryDefault()
    {
        DeviceConfig c = ConfigParser.Parse("");
        Assert.Equal(BoardTarget.Esp32BleRev3, c.Board.Target);
        Assert.Equal(MicrophoneInterface.I2s, c.Microphone.Interface);
        Assert.Equal(16000, c.Microphone.SampleRateHz);
        Assert.Equal(ImuSensor.Auto, c.Imu.Sensor);
        Assert.Equal(1000, c.Imu.OdrHz);
        Assert.True(c.Kws.Enabled);
        Assert.Equal("models/kws/kws.tflite", c.Kws.Model);
        Assert.Equal(12, c.Kws.Labels.Length);
        Assert.Equal(new[] { "_unknown_", "_silence_" }, c.Kws.IgnoreLabels);
        Assert.Equal(0.8f, c.Kws.Threshold);
        Assert.Equal("", c.Vibration.Model);
        Assert.Equal(512, c.Vibration.HopSamples);
        Assert.Equal("TinyMlDevice", c.Ble.DeviceName);
    }

    [Fact]
    public void ReadsSectionsKeysValuesAndComments()
    {
        DeviceConfig c = ConfigParser.Parse("""
            # a comment line

            [kws]   # a comment after a header
              threshold   =   0.65    # and after a value
            labels = a, b ,c
            ignore_labels = c
            stride_frames=1
            [board]
            target = ESP32_C3
            status_led_pin = -1
            [imu]
            data_pin = 4
            clock_pin = 5
            [microphone]
            bck_pin = 6
            ws_pin = 7
            data_pin = 8
            """);
        Assert.Equal(0.65f, c.Kws.Threshold);
        Assert.Equal(new[] { "a", "b", "c" }, c.Kws.Labels);
        Assert.True(c.Kws.IsIgnored(2));
        Assert.False(c.Kws.IsIgnored(0));
        Assert.Equal(1, c.Kws.StrideFrames);
        Assert.Equal(BoardTarget.Esp32C3, c.Board.Target);
        Assert.Equal(-1, c.Board.StatusLedPin);
    }

    [Fact]
    public void WindowsLineEndingsAreAccepted() =>
        Assert.Equal(3, ConfigParser.Parse("[kws]\r\nstride_frames = 3\r\n").Kws.StrideFrames);

    [Fact]
    public void AnErrorNamesLineSectionAndKey()
    {
        ConfigError e = Single("[ble]\ndevice_name = x\n\n[kws]\nthreshold = 1.5\n");
        Assert.Equal(5, e.Line);
        Assert.Equal("kws", e.Section);
        Assert.Equal("threshold", e.Key);
        Assert.Contains("1.5 is outside 0.01..1", e.Message);
        Assert.StartsWith("line 5 [kws] threshold:", e.ToString());
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        ConfigException e = Assert.Throws<ConfigException>(() => ConfigParser.Parse(
            "[kws]\nthreshold = high\nstride_frames = 0\n[vibration]\nwindow_samples = 1000\n"));
        Assert.Equal(new[] { 2, 3, 5 }, e.Errors.Select(x => x.Line));
        Assert.Contains("3 errors", e.Message);
        Assert.Contains("line 5 [vibration] window_samples: 1000 is not a power of two", e.Message);
    }

    [Theory]
    [InlineData("[kws]\nthreshold = 0.5.1", "is not a number")]
    [InlineData("[kws]\nthreshold = 1e-1", "is not a number")]
    [InlineData("[kws]\nthreshold = .5", "is not a number")]
    [InlineData("[kws]\nthreshold = NaN", "is not a number")]
    [InlineData("[kws]\nrefractory_ms = 10.5", "is not a whole number")]
    [InlineData("[kws]\nrefractory_ms = 0x10", "is not a whole number")]
    [InlineData("[kws]\nrefractory_ms = 99999999999", "is not a whole number")]
    [InlineData("[kws]\nrefractory_ms = 60001", "60001 is outside 0..60000")]
    [InlineData("[kws]\nenabled = yes", "'yes' is not true or false")]
    [InlineData("[kws]\nenabled = True", "'True' is not true or false")]
    [InlineData("[microphone]\ninterface = I2S", "'I2S' is not one of i2s, pdm")]
    [InlineData("[imu]\nrange_g = 3", "3 is not one of 2, 4, 8, 16")]
    [InlineData("[board]\ntarget = ESP32", "'ESP32' is not one of ESP32_BLE_REV0")]
    [InlineData("[microphone]\nsample_rate_hz = 8000", "must be 16000")]
    [InlineData("[ble]\ndevice_name = ", "0 characters; 1 to 29 are allowed")]
    [InlineData("[ble]\ndevice_name = a name far too long for an advert", "characters; 1 to 29 are allowed")]
    [InlineData("[kws]\nlabels = yes", "1 names; 2 to 64 are allowed")]
    [InlineData("[kws]\nlabels = yes,yes", "'yes' appears twice")]
    [InlineData("[kws]\nlabels = yes,n-o", "'n-o' is not a name")]
    [InlineData("[kws]\nlabels = yes,", "'' is not a name")]
    public void MalformedValuesAreRefused(string text, string message) =>
        Assert.Contains(message, Single(text).Message);

    [Theory]
    [InlineData("/models/kws.tflite", "is not a relative path")]
    [InlineData("models/../kws.tflite", "is not a relative path")]
    [InlineData("models//kws.tflite", "is not a relative path")]
    [InlineData("models/kws.bin", "does not end in .tflite")]
    [InlineData("models/k ws.tflite", "holds ' '")]
    [InlineData("", "a file name is required")]
    public void ModelFileNamesAreChecked(string name, string message) =>
        Assert.Contains(message, Single("[kws]\nmodel = " + name).Message);

    [Fact]
    public void TheAutoencoderIsOptional() =>
        Assert.Equal("", ConfigParser.Parse("[vibration]\nmodel =").Vibration.Model);

    [Theory]
    [InlineData("threshold = 1", 1, null, "key outside any section")]
    [InlineData("[kws]\nthreshold", 2, "kws", "is not a key = value line")]
    [InlineData("[kws\n", 1, null, "is not a section header")]
    [InlineData("[KWS]\n", 1, "KWS", "is not a section header")]
    [InlineData("[audio]\nrate = 1\n", 1, "audio", "unknown section; the sections are board, microphone, imu, kws, vibration, ble")]
    [InlineData("[kws]\nThreshold = 0.5\n", 2, "kws", "'Threshold' is not a key")]
    [InlineData("[kws]\nthreshhold = 0.5\n", 2, "kws", "unknown key; [kws] has enabled, model, labels")]
    [InlineData("[kws]\nthreshold = 0.5\nthreshold = 0.6\n", 3, "kws", "already set at line 2")]
    [InlineData("[kws]\n[ble]\n[kws]\n", 3, "kws", "section already began at line 1")]
    public void StructuralProblemsAreRefused(string text, int line, string? section, string message)
    {
        ConfigError e = Single(text);
        Assert.Equal(line, e.Line);
        if (section != null && !message.Contains("section header"))
        {
            Assert.Equal(section, e.Section);
        }

        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void KeysAreCaseSensitive() => Assert.Contains("is not a key", Single("[ble]\nDevice_Name = x").Message);

    [Theory]
    [InlineData("[board]\ntarget = ESP32_C3\n[imu]\ndata_pin = 25", "[imu] data_pin", "the ESP32-C3 has GPIO 0 to 21")]
    [InlineData("[board]\nstatus_led_pin = 7", "[board] status_led_pin", "GPIO 6 to 11 of the ESP32 drive its SPI flash")]
    [InlineData("[board]\nstatus_led_pin = 35", "[board] status_led_pin", "GPIO 34 to 39 of the ESP32 are input-only")]
    [InlineData("[board]\nstatus_led_pin = 20", "[board] status_led_pin", "the ESP32 has GPIO 0 to 19")]
    [InlineData("[board]\ntarget = ESP32_S3_OCTAL\n[imu]\ndata_pin = 35\nclock_pin = 36", "[imu] data_pin", "octal PSRAM")]
    [InlineData("[imu]\nclock_pin = 26", "[imu] clock_pin", "GPIO 26 is already [microphone] bck_pin (its default)")]
    [InlineData("[microphone]\nws_pin = 2\n", "[microphone] ws_pin", "GPIO 2 is already [board] status_led_pin (its default)")]
    public void PinsMustExistBeFreeAndServeOnce(string text, string where, string message)
    {
        ConfigError e = Refused(text).First(x => x.ToString().Contains(where));
        Assert.Contains(where, e.ToString());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void AnInputOnlyPinMayReceiveTheMicrophoneData() =>
        Assert.Equal(35, ConfigParser.Parse("[microphone]\ndata_pin = 35").Microphone.DataPin);

    [Fact]
    public void ThePdmMicrophoneLeavesTheBitClockPinFree() =>
        Assert.Equal(26, ConfigParser.Parse("[microphone]\ninterface = pdm\n[imu]\ndata_pin = 26\nclock_pin = 27").Imu.DataPin);

    [Theory]
    [InlineData("[kws]\nignore_labels = maybe", "ignore_labels", "'maybe' is not one of the labels")]
    [InlineData("[kws]\nstride_frames = 5\naverage_window_ms = 60", "average_window_ms", "shorter than one stride (100 ms)")]
    [InlineData("[imu]\nsensor = mpu6050\nodr_hz = 3332", "odr_hz", "above the MPU6050's 1000 Hz")]
    [InlineData("[board]\ntarget = ESP32_C3\n[imu]\ni2c_bus = 2\ndata_pin = 4\nclock_pin = 5", "i2c_bus", "one I2C controller")]
    [InlineData("[vibration]\nwindow_samples = 64\nbands = 33", "bands", "33 is outside 0..32")]
    [InlineData("[vibration]\nlearn_normal_s = 1\n[imu]\nodr_hz = 100", "learn_normal_s", "1 s is 1 windows of 512 samples at 100 Hz; the baseline needs 4 to 65535")]
    [InlineData("[vibration]\nlearn_normal_s = 86400\n[imu]\nodr_hz = 6664", "learn_normal_s", "is 1124550 windows")]
    public void ContradictorySettingsAreRefused(string text, string key, string? message)
    {
        ConfigError e = Refused(text).First();
        Assert.Equal(key, e.Key);
        if (message != null)
        {
            Assert.Contains(message, e.Message);
        }
    }

    [Fact]
    public void DerivedValuesFollowTheSettings()
    {
        DeviceConfig c = ConfigParser.Parse("[kws]\nstride_frames = 2\naverage_window_ms = 1000\n[vibration]\nwindow_samples = 256\noverlap = 0.75\nlearn_normal_s = 10");
        Assert.Equal(25, c.Kws.AverageInferences);
        Assert.Equal(64, c.Vibration.HopSamples);
        Assert.Equal(157, c.Vibration.CalibrationWindows(1000)); // 10,000 samples / 64, rounded up
    }

    [Fact]
    public void KeysListsEverySectionKey()
    {
        string[] keys = ConfigParser.Keys();
        Assert.Contains("kws.threshold", keys);
        Assert.Contains("vibration.summary_interval_s", keys);
        Assert.Contains("ble.status_interval_s", keys);
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Contains(k.Split('.')[0], ConfigParser.Sections));
    }
}

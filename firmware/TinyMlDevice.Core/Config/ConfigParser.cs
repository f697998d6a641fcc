using System.Collections;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// nf.config text to a validated <see cref="DeviceConfig"/>. Every problem is collected (malformed lines, unknown
    /// sections and keys, values out of range, pins the board lacks or uses twice, settings that contradict each other)
    /// and reported together in one <see cref="ConfigException"/>; a config with any problem is refused whole.
    /// Absent keys take the defaults below, which nf.config repeats.
    /// </summary>
    public static class ConfigParser
    {
        public static readonly string[] Sections = { "board", "microphone", "imu", "kws", "vibration", "ble" };

        /// <summary>The rate the audio frontend needs.</summary>
        public const int MicrophoneRateHz = 16000;

        private static readonly int[] Ranges = { 2, 4, 8, 16 };

        /// <summary>Parses and validates; throws <see cref="ConfigException"/> listing every problem.</summary>
        public static DeviceConfig Parse(string text)
        {
            ArrayList errors = new ArrayList();
            DeviceConfig config = Read(text ?? "", errors, new ArrayList());
            if (errors.Count > 0)
            {
                throw new ConfigException(InLineOrder(errors));
            }

            return config;
        }

        /// <summary>Every key the parser reads, as "section.key", in reading order.</summary>
        public static string[] Keys()
        {
            ArrayList keys = new ArrayList();
            Read("", new ArrayList(), keys);
            string[] names = new string[keys.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = (string)keys[i];
            }

            return names;
        }

        private static DeviceConfig Read(string text, ArrayList errors, ArrayList keys)
        {
            IniDocument document = new IniDocument(text, Sections, errors);

            SectionReader r = new SectionReader(document, "board", errors, keys);
            BoardSettings board = new BoardSettings();
            board.Target = (BoardTarget)r.Choice("target", (int)BoardTarget.Esp32BleRev3, ConfigNames.Targets);
            board.StatusLedPin = r.Pin("status_led_pin", 2, true);
            SectionReader boardReader = r;

            r = new SectionReader(document, "microphone", errors, keys);
            MicrophoneSettings microphone = new MicrophoneSettings();
            microphone.Interface = (MicrophoneInterface)r.Choice("interface", (int)MicrophoneInterface.I2s,
                ConfigNames.MicrophoneInterfaces);
            microphone.SampleRateHz = r.Int("sample_rate_hz", MicrophoneRateHz, 1, 1000000);
            if (microphone.SampleRateHz != MicrophoneRateHz)
            {
                r.Error("sample_rate_hz", "must be " + MicrophoneRateHz + ": the audio frontend and the keyword models work at 16 kHz");
            }

            microphone.BckPin = r.Pin("bck_pin", 26, false);
            microphone.WsPin = r.Pin("ws_pin", 25, false);
            microphone.DataPin = r.Pin("data_pin", 33, false);
            SectionReader microphoneReader = r;

            r = new SectionReader(document, "imu", errors, keys);
            ImuSettings imu = new ImuSettings();
            imu.Sensor = (ImuSensor)r.Choice("sensor", (int)ImuSensor.Auto, ConfigNames.ImuSensors);
            imu.I2cBus = r.Int("i2c_bus", 1, 1, 2);
            imu.DataPin = r.Pin("data_pin", 18, false);
            imu.ClockPin = r.Pin("clock_pin", 19, false);
            imu.OdrHz = r.Int("odr_hz", 1000, 10, 6664);
            imu.RangeG = r.OneOf("range_g", 4, Ranges);
            imu.Axes = r.Int("axes", 3, 1, 3);
            if (imu.Sensor == ImuSensor.Mpu6050 && imu.OdrHz > 1000)
            {
                r.Error("odr_hz", imu.OdrHz + " Hz is above the MPU6050's 1000 Hz accelerometer rate");
            }

            if (imu.I2cBus == 2 && board.Target == BoardTarget.Esp32C3)
            {
                r.Error("i2c_bus", "the ESP32-C3 has one I2C controller: use bus 1");
            }

            SectionReader imuReader = r;

            r = new SectionReader(document, "kws", errors, keys);
            KwsSettings kws = new KwsSettings();
            kws.Enabled = r.Bool("enabled", true);
            kws.Model = r.FileName("model", "models/kws/kws.tflite", ".tflite", false);
            kws.Labels = r.List("labels", "yes,no,up,down,left,right,on,off,stop,go,_unknown_,_silence_", 2, 64);
            kws.IgnoreLabels = r.List("ignore_labels", "_unknown_,_silence_", 0, 64);
            kws.StrideFrames = r.Int("stride_frames", 2, 1, 25);
            kws.AverageWindowMs = r.Int("average_window_ms", 1000, 20, 5000);
            kws.Threshold = r.Number("threshold", 0.8f, 0.01, 1);
            kws.RefractoryMs = r.Int("refractory_ms", 1000, 0, 60000);
            for (int i = 0; i < kws.IgnoreLabels.Length; i++)
            {
                if (IniDocument.IndexOf(kws.Labels, kws.IgnoreLabels[i]) < 0)
                {
                    r.Error("ignore_labels", "'" + kws.IgnoreLabels[i] + "' is not one of the labels");
                }
            }

            if (kws.AverageWindowMs < kws.StrideFrames * KwsSettings.FrameStrideMs)
            {
                r.Error("average_window_ms", kws.AverageWindowMs + " ms is shorter than one stride (" +
                    kws.StrideFrames * KwsSettings.FrameStrideMs + " ms): nothing to average");
            }

            r = new SectionReader(document, "vibration", errors, keys);
            VibrationSettings vibration = new VibrationSettings();
            vibration.Enabled = r.Bool("enabled", true);
            vibration.Model = r.FileName("model", "", ".tflite", true);
            vibration.WindowSamples = r.Int("window_samples", 1024, 64, 4096);
            if ((vibration.WindowSamples & (vibration.WindowSamples - 1)) != 0)
            {
                r.Error("window_samples", vibration.WindowSamples + " is not a power of two (64, 128, ... 4096)");
                vibration.WindowSamples = 1024;
            }

            vibration.Overlap = r.Number("overlap", 0.5f, 0, 0.9);
            vibration.Bands = r.Int("bands", 16, 0, 32);
            vibration.LearnNormalS = r.Int("learn_normal_s", 60, 1, 86400);
            vibration.AlarmOnWindows = r.Int("alarm_on_windows", 3, 1, 1000);
            vibration.AlarmOffWindows = r.Int("alarm_off_windows", 10, 1, 1000);
            vibration.SummaryIntervalS = r.Int("summary_interval_s", 10, 1, 3600);
            if (vibration.Bands > vibration.WindowSamples / 2)
            {
                r.Error("bands", vibration.Bands + " bands need windows of at least " + 2 * vibration.Bands + " samples");
            }

            int calibration = vibration.CalibrationWindows(imu.OdrHz);
            if (calibration < 4 || calibration > 65535)
            {
                r.Error("learn_normal_s", vibration.LearnNormalS + " s is " + calibration + " windows of " +
                    vibration.HopSamples + " samples at " + imu.OdrHz + " Hz; the baseline needs 4 to 65535");
            }

            r = new SectionReader(document, "ble", errors, keys);
            BleSettings ble = new BleSettings();
            ble.DeviceName = r.Text("device_name", "TinyMlDevice", 1, 29);
            ble.StatusIntervalS = r.Int("status_interval_s", 60, 1, 86400);
            ble.AuthKey = r.SecretKey("auth_key", BleSettings.AuthKeyBytes);

            IniEntry[] unknown = document.Unused();
            for (int i = 0; i < unknown.Length; i++)
            {
                errors.Add(new ConfigError(unknown[i].Line, unknown[i].Section, unknown[i].Key,
                    "unknown key; [" + unknown[i].Section + "] has " + KeysOf(keys, unknown[i].Section)));
            }

            CheckPins(board, microphone, imu, boardReader, microphoneReader, imuReader, errors);
            return new DeviceConfig(board, microphone, imu, kws, vibration, ble);
        }

        // Each pin in use must exist on the target, be free of flash duties, drive an output where it must, and serve one
        // function only.
        private static void CheckPins(BoardSettings board, MicrophoneSettings microphone, ImuSettings imu,
            SectionReader boardReader, SectionReader microphoneReader, SectionReader imuReader, ArrayList errors)
        {
            ArrayList used = new ArrayList();
            CheckPin(board.Target, board.StatusLedPin, true, boardReader, "status_led_pin", used);
            if (microphone.Interface == MicrophoneInterface.I2s)
            {
                CheckPin(board.Target, microphone.BckPin, true, microphoneReader, "bck_pin", used);
            }

            CheckPin(board.Target, microphone.WsPin, true, microphoneReader, "ws_pin", used);
            CheckPin(board.Target, microphone.DataPin, false, microphoneReader, "data_pin", used);
            CheckPin(board.Target, imu.DataPin, true, imuReader, "data_pin", used);
            CheckPin(board.Target, imu.ClockPin, true, imuReader, "clock_pin", used);
        }

        private static void CheckPin(BoardTarget target, int pin, bool output, SectionReader reader, string key, ArrayList used)
        {
            if (pin < 0)
            {
                return;
            }

            string problem = PinRules.Problem(target, pin, output);
            if (problem != null)
            {
                reader.Error(key, "GPIO " + pin + " cannot serve on " + ConfigNames.Of(target) + ": " + problem);
                return;
            }

            for (int i = 0; i < used.Count; i += 3)
            {
                if ((int)used[i] == pin)
                {
                    reader.Error(key, "GPIO " + pin + " is already " + used[i + 1] + " (" + used[i + 2] + ")");
                    return;
                }
            }

            int line = reader.LineOf(key);
            used.Add(pin);
            used.Add(reader.SectionName + " " + key);
            used.Add(line > 0 ? "line " + line : "its default");
        }

        // Stable insertion sort (a handful of errors): file order, problems of absent keys last.
        private static ConfigError[] InLineOrder(ArrayList errors)
        {
            ConfigError[] list = new ConfigError[errors.Count];
            for (int i = 0; i < list.Length; i++)
            {
                ConfigError error = (ConfigError)errors[i];
                int at = i;
                while (at > 0 && Later(list[at - 1], error))
                {
                    list[at] = list[at - 1];
                    at--;
                }

                list[at] = error;
            }

            return list;
        }

        private static bool Later(ConfigError a, ConfigError b) =>
            (a.Line == 0 ? int.MaxValue : a.Line) > (b.Line == 0 ? int.MaxValue : b.Line);

        private static string KeysOf(ArrayList keys, string section)
        {
            string prefix = section + ".";
            string text = "";
            for (int i = 0; i < keys.Count; i++)
            {
                string key = (string)keys[i];
                if (key.Length > prefix.Length && key.Substring(0, prefix.Length) == prefix)
                {
                    text += (text.Length == 0 ? "" : ", ") + key.Substring(prefix.Length);
                }
            }

            return text;
        }
    }
}

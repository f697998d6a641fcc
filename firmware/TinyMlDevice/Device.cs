using System.Diagnostics;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using TinyMlDevice.Audio;
using TinyMlDevice.Ble;
using TinyMlDevice.Board;
using TinyMlDevice.Core;
using TinyMlDevice.Embedded;
using TinyMlDevice.Imu;

namespace TinyMlDevice
{
    /// <summary>
    /// The device put together: the embedded nf.config, the pins, the IMU found by WHO_AM_I, the microphone, the BLE
    /// server, and the core's DeviceApp over them. Sensors missing at boot do not stop the rest: a microphone that
    /// fails to start is retried by the core through its Read; an IMU that is not found leaves vibration off (the core
    /// reports that as a fault, and the detection details go to the debug output).
    /// </summary>
    public sealed class Device
    {
        /// <summary>What Control and ModelUpdate writes need (BleProtocol: an encrypted, authenticated link).</summary>
        public const GattProtectionLevel WriteProtection = GattProtectionLevel.EncryptionAndAuthenticationRequired;

        /// <summary>The largest model update the RAM model store stages (the keyword model is about 37 KB).</summary>
        public const int ModelStoreCapacity = 96 * 1024;

        /// <summary>Control and ModelUpdate writes the core handles per round (the GATT server queues the rest).</summary>
        public const int WritesPerRound = 4;

        private readonly IDeviceClock _clock;

        private Device(IDeviceClock clock, DeviceConfig config)
        {
            _clock = clock;
            Config = config;
        }

        /// <summary>The configuration the hardware was set up with (the embedded one, or the defaults when it was refused).</summary>
        public DeviceConfig Config { get; }

        public DeviceApp App { get; private set; }

        public BleGattServer Ble { get; private set; }

        /// <summary>The IMU found at boot, or null.</summary>
        public FifoImu Imu { get; private set; }

        /// <summary>The microphone (running or not), or null when keyword spotting is off.</summary>
        public I2sMicrophone Microphone { get; private set; }

        public StatusLed Led { get; private set; }

        public static Device Boot(IDeviceClock clock)
        {
            string configText = EmbeddedConfig.Text();
            Device device = new Device(clock, ParseOrDefaults(configText));
            DeviceConfig config = device.Config;

            device.Led = new StatusLed(config.Board.StatusLedPin);
            device.Led.Set(true);
            BoardPins.Apply(config);

            device.Ble = new BleGattServer(config.Ble.DeviceName, WriteProtection);
            device.Ble.Start();

            if (config.Vibration.Enabled)
            {
                device.Imu = StartImu(config, clock);
            }

            if (config.Kws.Enabled)
            {
                device.Microphone = StartMicrophone(config, clock);
            }

            // Model updates are kept in RAM until file storage is in the pinned packages: a reboot returns to the models
            // built into the image. The control session changes at every boot, so recorded commands never replay.
            device.App = new DeviceApp(device.Microphone, device.Imu, device.Ble, clock, new VolatileStateStore(),
                new EmbeddedModels(config), new RamModelStore(ModelStoreCapacity), NewSession(clock));
            device.Ble.StatusSource = device.App.EncodeStatus;
            DeviceApp app = device.App;
            device.Ble.InfoSource = () => ReportCodec.Encode(app.Info(MemoryReport.ManagedFreeKiB(), MemoryReport.NativeFreeKiB()));
            if (configText == null || device.App.ApplyConfig(configText) == ConfigApplyResult.Rejected)
            {
                // nothing ran before: the defaults are the last good configuration
                device.App.ApplyConfig("");
            }

            Debug.WriteLine("[device] " + MemoryReport.Line());

            // loading models took a while: start the streams from now rather than with an overflow
            if (device.Imu != null)
            {
                device.Imu.DiscardBacklog();
            }

            if (device.Microphone != null && device.Microphone.Running)
            {
                device.Microphone.DiscardBacklog();
            }

            return device;
        }

        /// <summary>One round of the core, and the LED. Returns true when work is left (call again at once).</summary>
        public bool RunOnce()
        {
            bool busy = false;
            for (int i = 0; i < WritesPerRound; i++)
            {
                byte[] control = Ble.TakeControlWrite();
                byte[] update = Ble.TakeModelUpdateWrite();
                if (control == null && update == null)
                {
                    break;
                }

                if (control != null)
                {
                    App.ReceiveControl(control);
                }

                if (update != null)
                {
                    App.ReceiveModelUpdate(update);
                }

                busy = true;
            }

            busy |= App.Step();
            bool faulted = (Config.Vibration.Enabled && (Imu == null || Imu.Faulted))
                || (Microphone != null && !Microphone.Running);
            Led.Update(_clock.Milliseconds, faulted);
            return busy;
        }

        /// <summary>A Reboot command was accepted (Program restarts the device).</summary>
        public bool RebootRequested => App.RebootRequested;

        // Differs from boot to boot: the random generator's seed comes from the system, and the boot time is mixed in.
        private static uint NewSession(IDeviceClock clock)
        {
            return (uint)new System.Random().Next() ^ (uint)(clock.Milliseconds * 2654435761L);
        }

        private static DeviceConfig ParseOrDefaults(string text)
        {
            if (text == null)
            {
                Debug.WriteLine("[device] no nf.config in the image: defaults");
                return DeviceConfig.Defaults;
            }

            try
            {
                return ConfigParser.Parse(text);
            }
            catch (ConfigException e)
            {
                for (int i = 0; i < e.Errors.Length; i++)
                {
                    Debug.WriteLine("[device] nf.config " + e.Errors[i].ToString());
                }

                return DeviceConfig.Defaults;
            }
        }

        private static FifoImu StartImu(DeviceConfig config, IDeviceClock clock)
        {
            try
            {
                FifoImu imu = ImuDetector.Detect(config.Imu, clock);
                Debug.WriteLine("[device] " + imu.Part + " at 0x" + imu.Address.ToString("X2") + ", " + imu.SampleRate + " Hz");
                return imu;
            }
            catch (SensorFaultException e)
            {
                Debug.WriteLine("[device] " + e.Message);
                return null;
            }
        }

        private static I2sMicrophone StartMicrophone(DeviceConfig config, IDeviceClock clock)
        {
            I2sMicrophone microphone = new I2sMicrophone(config.Microphone, new I2sMicrophoneOptions(), clock);
            try
            {
                microphone.Start();
                Debug.WriteLine("[device] microphone on slot " + microphone.Slot + ", " + microphone.MeasuredRateHz + " Hz measured");
            }
            catch (SensorFaultException e)
            {
                // the core reports it at its first Read and retries with backoff
                Debug.WriteLine("[device] " + e.Message);
            }

            return microphone;
        }
    }
}

using TinyMlDevice.Core;

namespace TinyMlDevice.Imu
{
    /// <summary>
    /// MPU6050 accelerometer through its 1024-byte FIFO (6 bytes per x, y, z sample, big-endian), at most 1 kHz.
    /// Register-level on purpose: nanoFramework's Iot.Device.Imu.Mpu6050 (package Iot.Device.Mpu9250) cannot stream the
    /// FIFO: its FifoModes setter sets USER_CTRL.FIFO_RST (bit 2) where FIFO_EN (bit 6) is meant, so the FIFO never
    /// runs; its constructor also writes and reads back ACCEL_CONFIG_2 (0x1D), an MPU6500/9250 register, and it
    /// ignores I2C transfer results, so a NACK goes unnoticed. Nothing of the binding is used.
    /// </summary>
    public sealed class Mpu6050Fifo : FifoImu
    {
        private readonly byte _divider;
        private readonly byte[] _count = new byte[2];

        public Mpu6050Fifo(RegisterBus bus, IDeviceClock clock, int rateHz, int rangeG, int axes)
            : base(bus, clock, rangeG, axes)
        {
            RangeBits(rangeG);
            _divider = RateDivider(rateHz);
        }

        public override string Part
        {
            get { return "MPU6050"; }
        }

        /// <summary>
        /// SMPLRT_DIV giving the whole-hertz rate 8000 / (1 + divider) nearest rateHz (1000, 800, 500, 400, 320, 250,
        /// 200, 160, 125, 100, 80, 64, 50, 40 or 32 Hz); with the 260 Hz filter the sample-rate base is 8 kHz.
        /// </summary>
        public static byte RateDivider(int rateHz)
        {
            int best = 0;
            for (int n = 8; n <= 256; n++)
            {
                if (Mpu6050Registers.SampleRateBaseHz % n == 0)
                {
                    int rate = Mpu6050Registers.SampleRateBaseHz / n;
                    if (best == 0 || Distance(rate, rateHz) < Distance(Mpu6050Registers.SampleRateBaseHz / best, rateHz))
                    {
                        best = n;
                    }
                }
            }

            return (byte)(best - 1);
        }

        /// <summary>ACCEL_CONFIG AFS_SEL bits for ±rangeG.</summary>
        public static byte RangeBits(int rangeG)
        {
            switch (rangeG)
            {
                case 2:
                    return 0x00;
                case 4:
                    return 0x08;
                case 8:
                    return 0x10;
                case 16:
                    return 0x18;
                default:
                    throw new SensorFaultException(SensorName, "MPU6050 has no ±" + rangeG + " g range (2, 4, 8 or 16)");
            }
        }

        protected override int Configure()
        {
            RegisterBus bus = Bus;
            bus.Write(Mpu6050Registers.PWR_MGMT_1, Mpu6050Registers.PwrMgmt1DeviceReset);
            Clock.Sleep(100);
            ExpectIdentity(Mpu6050Registers.WHO_AM_I, Mpu6050Registers.WhoAmIValue);
            bus.Write(Mpu6050Registers.PWR_MGMT_1, Mpu6050Registers.PwrMgmt1ClockPllGyroX);
            bus.Write(Mpu6050Registers.CONFIG, Mpu6050Registers.ConfigDlpf260Hz);
            bus.Write(Mpu6050Registers.SMPLRT_DIV, _divider);
            bus.Write(Mpu6050Registers.ACCEL_CONFIG, RangeBits((int)FullScaleG));
            bus.Write(Mpu6050Registers.INT_ENABLE, Mpu6050Registers.IntFifoOverflow);
            bus.Write(Mpu6050Registers.FIFO_EN, Mpu6050Registers.FifoEnAccel);
            RestartFifo();
            return Mpu6050Registers.SampleRateBaseHz / (_divider + 1);
        }

        protected override int SamplesAvailable(out string overflow)
        {
            byte status = Bus.Read(Mpu6050Registers.INT_STATUS);
            Bus.Read(Mpu6050Registers.FIFO_COUNTH, _count, 0, 2);
            int bytes = (_count[0] << 8) | _count[1];
            overflow = null;
            if ((status & Mpu6050Registers.IntFifoOverflow) != 0 || bytes >= Mpu6050Registers.FifoCapacityBytes)
            {
                overflow = "1024-byte FIFO full (more than " + (Mpu6050Registers.FifoCapacityBytes / BytesPerSample)
                    + " samples unread)";
            }

            return bytes / BytesPerSample;
        }

        protected override void RestartFifo()
        {
            Bus.Write(Mpu6050Registers.USER_CTRL, Mpu6050Registers.UserCtrlFifoReset);
            Bus.Write(Mpu6050Registers.USER_CTRL, Mpu6050Registers.UserCtrlFifoEnable);
            Bus.Read(Mpu6050Registers.INT_STATUS);
        }

        protected override void ReadFifo(byte[] raw, int byteCount)
        {
            Bus.Read(Mpu6050Registers.FIFO_R_W, raw, 0, byteCount);
        }

        protected override bool FifoIsBigEndian
        {
            get { return true; }
        }

        private static int Distance(int a, int b)
        {
            return a > b ? a - b : b - a;
        }
    }
}

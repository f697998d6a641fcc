using TinyMlDevice.Core;

namespace TinyMlDevice.Imu
{
    /// <summary>
    /// LSM6DS3 accelerometer through its 8 KB FIFO in continuous mode: 16-bit little-endian words x, y, z per sample,
    /// up to 6664 Hz. All four FIFO_STATUS registers come in one read (unread words, overrun, the pattern that says
    /// which axis is next); the data come in bursts from FIFO_DATA_OUT_L, whose address rolls back from 0x3F to 0x3E
    /// so a burst returns successive words (AN4650). nanoFramework has no LSM6DS3 binding.
    /// I2C at 400 kHz carries about 40 KB/s: 6664 Hz × 6 bytes nearly fills it, 3332 Hz uses half.
    /// </summary>
    public sealed class Lsm6ds3Fifo : FifoImu
    {
        private readonly byte _rateCode;
        private readonly int _rateHz;
        private readonly byte[] _status = new byte[4];

        public Lsm6ds3Fifo(RegisterBus bus, IDeviceClock clock, int rateHz, int rangeG, int axes)
            : base(bus, clock, rangeG, axes)
        {
            RangeBits(rangeG);
            _rateCode = RateCode(rateHz, out _rateHz);
        }

        public override string Part
        {
            get { return "LSM6DS3"; }
        }

        /// <summary>The ODR code of the rate nearest rateHz (ties go up), and that rate.</summary>
        public static byte RateCode(int rateHz, out int actualHz)
        {
            int[] rates = Lsm6ds3Registers.RatesHz;
            int best = 0;
            for (int i = 1; i < rates.Length; i++)
            {
                if (Distance(rates[i], rateHz) <= Distance(rates[best], rateHz))
                {
                    best = i;
                }
            }

            actualHz = rates[best];
            return (byte)(Lsm6ds3Registers.FirstRateCode + best);
        }

        /// <summary>CTRL1_XL FS_XL bits for ±rangeG (the encoding is not monotonic: 16 g is 01).</summary>
        public static byte RangeBits(int rangeG)
        {
            switch (rangeG)
            {
                case 2:
                    return 0x00;
                case 16:
                    return 0x04;
                case 4:
                    return 0x08;
                case 8:
                    return 0x0C;
                default:
                    throw new SensorFaultException(SensorName, "LSM6DS3 has no ±" + rangeG + " g range (2, 4, 8 or 16)");
            }
        }

        protected override int Configure()
        {
            RegisterBus bus = Bus;
            bus.Write(Lsm6ds3Registers.CTRL3_C, Lsm6ds3Registers.Ctrl3SoftwareReset);
            Clock.Sleep(10);
            ExpectIdentity(Lsm6ds3Registers.WHO_AM_I, Lsm6ds3Registers.WhoAmIValue);
            bus.Write(Lsm6ds3Registers.CTRL3_C, Lsm6ds3Registers.Ctrl3BduIfInc);
            bus.Write(Lsm6ds3Registers.FIFO_CTRL5, Lsm6ds3Registers.FifoModeBypass);
            bus.Write(Lsm6ds3Registers.CTRL1_XL, (byte)((_rateCode << 4) | RangeBits((int)FullScaleG)));
            bus.Write(Lsm6ds3Registers.CTRL2_G, 0x00);
            bus.Write(Lsm6ds3Registers.FIFO_CTRL1, 0x00);
            bus.Write(Lsm6ds3Registers.FIFO_CTRL2, 0x00);
            bus.Write(Lsm6ds3Registers.FIFO_CTRL3, Lsm6ds3Registers.FifoCtrl3AccelOnly);
            bus.Write(Lsm6ds3Registers.FIFO_CTRL4, 0x00);
            RestartFifo();
            return _rateHz;
        }

        protected override int SamplesAvailable(out string overflow)
        {
            Bus.Read(Lsm6ds3Registers.FIFO_STATUS1, _status, 0, 4);
            int words = _status[0] | ((_status[1] & Lsm6ds3Registers.Status2DiffHighMask) << 8);
            int pattern = _status[2] | ((_status[3] & 0x03) << 8);
            overflow = null;
            if ((_status[1] & Lsm6ds3Registers.Status2OverRun) != 0)
            {
                overflow = "8 KB FIFO overran (more than " + (Lsm6ds3Registers.FifoCapacityWords / FifoAxes)
                    + " samples unread)";
            }
            else if (pattern != 0)
            {
                overflow = "FIFO out of step (next word is axis " + pattern + ", not x)";
            }

            return words / FifoAxes;
        }

        protected override void RestartFifo()
        {
            Bus.Write(Lsm6ds3Registers.FIFO_CTRL5, Lsm6ds3Registers.FifoModeBypass);
            Bus.Write(Lsm6ds3Registers.FIFO_CTRL5, (byte)((_rateCode << 3) | Lsm6ds3Registers.FifoModeContinuous));
        }

        protected override void ReadFifo(byte[] raw, int byteCount)
        {
            Bus.Read(Lsm6ds3Registers.FIFO_DATA_OUT_L, raw, 0, byteCount);
        }

        protected override bool FifoIsBigEndian
        {
            get { return false; }
        }

        private static int Distance(int a, int b)
        {
            return a > b ? a - b : b - a;
        }
    }
}

namespace TinyMlDevice.Imu
{
    /// <summary>The LSM6DS3 registers and bits the FIFO reader uses (ST datasheet DocID026899, app note AN4650).</summary>
    public static class Lsm6ds3Registers
    {
        public const byte FIFO_CTRL1 = 0x06;
        public const byte FIFO_CTRL2 = 0x07;
        public const byte FIFO_CTRL3 = 0x08;
        public const byte FIFO_CTRL4 = 0x09;
        public const byte FIFO_CTRL5 = 0x0A;
        public const byte WHO_AM_I = 0x0F;
        public const byte CTRL1_XL = 0x10;
        public const byte CTRL2_G = 0x11;
        public const byte CTRL3_C = 0x12;
        public const byte OUTX_L_XL = 0x28;
        public const byte FIFO_STATUS1 = 0x3A;
        public const byte FIFO_STATUS2 = 0x3B;
        public const byte FIFO_STATUS3 = 0x3C;
        public const byte FIFO_STATUS4 = 0x3D;
        public const byte FIFO_DATA_OUT_L = 0x3E;
        public const byte FIFO_DATA_OUT_H = 0x3F;

        public const byte WhoAmIValue = 0x69;

        public const byte Ctrl3SoftwareReset = 0x01;

        /// <summary>CTRL3_C: block data update, register address auto-increment.</summary>
        public const byte Ctrl3BduIfInc = 0x44;

        /// <summary>FIFO_CTRL3: accelerometer into the FIFO without decimation, gyroscope not.</summary>
        public const byte FifoCtrl3AccelOnly = 0x01;

        public const byte FifoModeBypass = 0x00;
        public const byte FifoModeContinuous = 0x06;

        /// <summary>FIFO_STATUS2: data were overwritten; FIFO full; DIFF_FIFO[11:8].</summary>
        public const byte Status2OverRun = 0x40;
        public const byte Status2Full = 0x20;
        public const byte Status2DiffHighMask = 0x0F;

        /// <summary>
        /// Accelerometer and FIFO output data rates in Hz, for the ODR codes FirstRateCode on (CTRL1_XL bits 7:4,
        /// FIFO_CTRL5 bits 6:3); code 1, 12.5 Hz, is left out.
        /// </summary>
        public static readonly int[] RatesHz = new int[] { 26, 52, 104, 208, 416, 833, 1666, 3332, 6664 };

        public const int FirstRateCode = 2;

        public const int FifoCapacityWords = 4096;
        public const int DefaultAddress = 0x6A;
        public const int AlternateAddress = 0x6B;
    }
}

namespace TinyMlDevice.Imu
{
    /// <summary>The MPU6050 registers and bits the FIFO reader uses (InvenSense register map RM-MPU-6000A).</summary>
    public static class Mpu6050Registers
    {
        public const byte SMPLRT_DIV = 0x19;
        public const byte CONFIG = 0x1A;
        public const byte GYRO_CONFIG = 0x1B;
        public const byte ACCEL_CONFIG = 0x1C;
        public const byte FIFO_EN = 0x23;
        public const byte INT_ENABLE = 0x38;
        public const byte INT_STATUS = 0x3A;
        public const byte ACCEL_XOUT_H = 0x3B;
        public const byte USER_CTRL = 0x6A;
        public const byte PWR_MGMT_1 = 0x6B;
        public const byte PWR_MGMT_2 = 0x6C;
        public const byte FIFO_COUNTH = 0x72;
        public const byte FIFO_COUNTL = 0x73;
        public const byte FIFO_R_W = 0x74;
        public const byte WHO_AM_I = 0x75;

        public const byte WhoAmIValue = 0x68;

        /// <summary>FIFO_EN: accelerometer x, y, z (6 bytes per sample) go into the FIFO.</summary>
        public const byte FifoEnAccel = 0x08;

        /// <summary>USER_CTRL: the FIFO runs.</summary>
        public const byte UserCtrlFifoEnable = 0x40;

        /// <summary>USER_CTRL: empties the FIFO (clears itself).</summary>
        public const byte UserCtrlFifoReset = 0x04;

        /// <summary>INT_ENABLE / INT_STATUS: the FIFO overflowed (the status bit clears when INT_STATUS is read).</summary>
        public const byte IntFifoOverflow = 0x10;

        public const byte PwrMgmt1DeviceReset = 0x80;

        /// <summary>PWR_MGMT_1: awake, clocked from the x gyro's PLL (steadier than the internal oscillator).</summary>
        public const byte PwrMgmt1ClockPllGyroX = 0x01;

        /// <summary>CONFIG DLPF_CFG 0: accelerometer bandwidth 260 Hz, gyro output (the sample-rate base) 8 kHz.</summary>
        public const byte ConfigDlpf260Hz = 0x00;

        public const int FifoCapacityBytes = 1024;
        public const int SampleRateBaseHz = 8000;
        public const int MaxAccelRateHz = 1000;
        public const int DefaultAddress = 0x68;
        public const int AlternateAddress = 0x69;
    }
}

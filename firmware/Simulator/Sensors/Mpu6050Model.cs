namespace TinyMlDevice.Simulator.Sensors;

/// <summary>
/// An InvenSense MPU-6050 as its register map (RM-MPU-6000A) describes the parts a FIFO reader touches. Power-on: asleep
/// (PWR_MGMT_1 = 0x40), WHO_AM_I 0x68. PWR_MGMT_1.DEVICE_RESET restores every register. The sample rate is the gyro
/// output rate (8 kHz with DLPF_CFG 0 or 7, else 1 kHz) / (1 + SMPLRT_DIV) (above 1 kHz the real accelerometer repeats samples; this model samples the recording anew).
/// ACCEL_CONFIG.AFS_SEL sets ±2/4/8/16 g (16384/8192/4096/2048 LSB/g). Each sample pushes the FIFO_EN-selected
/// registers in register order (accel x, y, z, temperature, gyro x, y, z; big-endian) into a 1024-byte FIFO while
/// USER_CTRL.FIFO_EN is set; a full FIFO drops its oldest bytes and raises INT_STATUS.FIFO_OFLOW_INT (when enabled in
/// INT_ENABLE; cleared by reading INT_STATUS). USER_CTRL.FIFO_RESET empties it. FIFO_COUNT_H/L is big-endian; FIFO_R_W
/// pops a byte (an empty FIFO repeats the last byte read) and does not advance the register pointer; other reads and
/// writes auto-increment.
/// </summary>
public sealed class Mpu6050Model : AccelerometerChip
{
    public const byte SMPLRT_DIV = 0x19;
    public const byte CONFIG = 0x1A;
    public const byte ACCEL_CONFIG = 0x1C;
    public const byte FIFO_EN = 0x23;
    public const byte INT_ENABLE = 0x38;
    public const byte INT_STATUS = 0x3A;
    public const byte ACCEL_XOUT_H = 0x3B;
    public const byte USER_CTRL = 0x6A;
    public const byte PWR_MGMT_1 = 0x6B;
    public const byte FIFO_COUNTH = 0x72;
    public const byte FIFO_COUNTL = 0x73;
    public const byte FIFO_R_W = 0x74;
    public const byte WHO_AM_I = 0x75;

    public const int FifoCapacity = 1024;
    public const byte IntFifoOverflow = 0x10;
    public const byte IntDataReady = 0x01;

    /// <summary>TEMP_OUT for 25 °C: (25 − 36.53) × 340.</summary>
    private const short Temperature25C = -3920;

    private readonly byte[] _registers = new byte[128];
    private readonly Queue<byte> _fifo = new();
    private readonly byte[] _sample = new byte[14];
    private byte _lastFifoByte;
    private bool _inOverflow;

    public Mpu6050Model(VirtualClock clock, VibrationRecording? recording)
        : base(clock, recording)
    {
        PowerCycle();
    }

    public int FifoBytes
    {
        get
        {
            CatchUp();
            return _fifo.Count;
        }
    }

    public byte Register(byte address) => _registers[address];

    public override void PowerCycle()
    {
        Array.Clear(_registers);
        _registers[PWR_MGMT_1] = 0x40;
        _fifo.Clear();
        _inOverflow = false;
        Reschedule();
    }

    public override void Write(byte register, byte[] data, int offset, int count)
    {
        CatchUp();
        for (int i = 0; i < count; i++)
        {
            WriteOne((byte)((register + i) & 0x7F), data[offset + i]);
        }
    }

    public override void Read(byte register, byte[] buffer, int offset, int count)
    {
        CatchUp();
        byte address = register;
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = ReadOne(address);
            if (address != FIFO_R_W)
            {
                address = (byte)((address + 1) & 0x7F);
            }
        }
    }

    protected override double SensitivityG => ((_registers[ACCEL_CONFIG] >> 3) & 0x03) switch
    {
        0 => 1.0 / 16384,
        1 => 1.0 / 8192,
        2 => 1.0 / 4096,
        _ => 1.0 / 2048,
    };

    protected override bool KeepsEverySample => FifoRunning;

    protected override void OnSample(short x, short y, short z)
    {
        Put(_sample, 0, x);
        Put(_sample, 2, y);
        Put(_sample, 4, z);
        Put(_sample, 6, Temperature25C);
        Put(_sample, 8, 0);
        Put(_sample, 10, 0);
        Put(_sample, 12, 0);
        Array.Copy(_sample, 0, _registers, ACCEL_XOUT_H, 14);
        _registers[INT_STATUS] |= IntDataReady;
        if (!FifoRunning)
        {
            return;
        }

        byte selected = _registers[FIFO_EN];
        if ((selected & 0x08) != 0)
        {
            Push(0, 6);
        }

        if ((selected & 0x80) != 0)
        {
            Push(6, 2);
        }

        for (int axis = 0; axis < 3; axis++)
        {
            if ((selected & (0x40 >> axis)) != 0)
            {
                Push(8 + axis * 2, 2);
            }
        }
    }

    private bool Awake => (_registers[PWR_MGMT_1] & 0x40) == 0;

    private bool FifoRunning => Awake && (_registers[USER_CTRL] & 0x40) != 0 && (_registers[FIFO_EN] & 0xF8) != 0;

    private void Push(int from, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_fifo.Count == FifoCapacity)
            {
                _fifo.Dequeue();
                if (!_inOverflow)
                {
                    _inOverflow = true;
                    Overflows++;
                }

                if (from == 0 && i == 0)
                {
                    SamplesOverwritten++;
                }

                if ((_registers[INT_ENABLE] & IntFifoOverflow) != 0)
                {
                    _registers[INT_STATUS] |= IntFifoOverflow;
                }
            }

            _fifo.Enqueue(_sample[from + i]);
        }
    }

    private void WriteOne(byte register, byte value)
    {
        switch (register)
        {
            case PWR_MGMT_1 when (value & 0x80) != 0:
                PowerCycle();
                return;
            case USER_CTRL:
                if ((value & 0x04) != 0)
                {
                    _fifo.Clear();
                    _inOverflow = false;
                }

                _registers[USER_CTRL] = (byte)(value & ~0x07); // the reset bits clear themselves
                Reschedule();
                return;
            case WHO_AM_I:
            case INT_STATUS:
            case FIFO_COUNTH:
            case FIFO_COUNTL:
                return; // read-only
            case FIFO_R_W:
                if (_fifo.Count < FifoCapacity)
                {
                    _fifo.Enqueue(value);
                }

                return;
            default:
                if (register >= ACCEL_XOUT_H && register < ACCEL_XOUT_H + 14)
                {
                    return; // measurements are read-only
                }

                _registers[register] = value;
                Reschedule();
                return;
        }
    }

    private byte ReadOne(byte register)
    {
        switch (register)
        {
            case WHO_AM_I:
                return 0x68;
            case INT_STATUS:
                byte status = _registers[INT_STATUS];
                _registers[INT_STATUS] = 0;
                return status;
            case FIFO_COUNTH:
                return (byte)(_fifo.Count >> 8);
            case FIFO_COUNTL:
                return (byte)_fifo.Count;
            case FIFO_R_W:
                if (_fifo.Count > 0)
                {
                    _lastFifoByte = _fifo.Dequeue();
                    _inOverflow = false;
                }

                return _lastFifoByte;
            default:
                return _registers[register];
        }
    }

    private void Reschedule()
    {
        double rate = 0;
        if (Awake)
        {
            int dlpf = _registers[CONFIG] & 0x07;
            double gyroRateHz = dlpf == 0 || dlpf == 7 ? 8000 : 1000;
            rate = gyroRateHz / (1 + _registers[SMPLRT_DIV]);
        }

        if (rate != RateHz)
        {
            SetRate(rate);
        }
    }

    private static void Put(byte[] buffer, int at, short value)
    {
        buffer[at] = (byte)(value >> 8);
        buffer[at + 1] = (byte)value;
    }
}

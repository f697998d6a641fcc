namespace TinyMlDevice.Simulator.Sensors;

/// <summary>
/// An ST LSM6DS3 accelerometer and its FIFO, as the datasheet (DocID026899) and AN4650 describe the parts a FIFO reader
/// touches. Power-on: CTRL3_C = 0x04 (IF_INC), WHO_AM_I 0x69; CTRL3_C.SW_RESET restores every register. CTRL1_XL:
/// ODR_XL (12.5 Hz … 6.66 kHz) and FS_XL (±2/16/4/8 g: 0.061/0.488/0.122/0.244 mg/LSB). The FIFO stores 16-bit
/// little-endian words at the FIFO_CTRL5 ODR: per data set the gyroscope's x, y, z when FIFO_CTRL3 decimates it in,
/// then the accelerometer's when FIFO_CTRL3.DEC_FIFO_XL is not 0. Modes: bypass (empty, stopped), FIFO (stops when
/// full), continuous (the oldest word is overwritten, FIFO_STATUS2.OVER_RUN set). 4096 words. FIFO_STATUS1..4: unread
/// words (12 bits), OVER_RUN, FIFO_FULL, FIFO_EMPTY, and the pattern (which word of a data set is read next).
/// FIFO_DATA_OUT_L returns the low byte of the oldest word, FIFO_DATA_OUT_H its high byte and pops it; with IF_INC a
/// burst rolls back from 0x3F to 0x3E. OUTX_L_XL.. hold the newest sample.
/// </summary>
public sealed class Lsm6ds3Model : AccelerometerChip
{
    public const byte FIFO_CTRL3 = 0x08;
    public const byte FIFO_CTRL5 = 0x0A;
    public const byte WHO_AM_I = 0x0F;
    public const byte CTRL1_XL = 0x10;
    public const byte CTRL2_G = 0x11;
    public const byte CTRL3_C = 0x12;
    public const byte STATUS_REG = 0x1E;
    public const byte OUTX_L_XL = 0x28;
    public const byte FIFO_STATUS1 = 0x3A;
    public const byte FIFO_STATUS2 = 0x3B;
    public const byte FIFO_STATUS3 = 0x3C;
    public const byte FIFO_STATUS4 = 0x3D;
    public const byte FIFO_DATA_OUT_L = 0x3E;
    public const byte FIFO_DATA_OUT_H = 0x3F;

    public const int FifoCapacityWords = 4096;

    private static readonly double[] RatesHz = { 0, 12.5, 26, 52, 104, 208, 416, 833, 1666, 3332, 6664 };

    private readonly byte[] _registers = new byte[128];
    private readonly Queue<ushort> _fifo = new();
    private bool _overrun;
    private long _wordsLeft; // words removed from the FIFO (read or overwritten) since it was emptied

    public Lsm6ds3Model(VirtualClock clock, VibrationRecording? recording)
        : base(clock, recording)
    {
        PowerCycle();
    }

    public int FifoWords
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
        _registers[CTRL3_C] = 0x04;
        EmptyFifo();
        Reschedule();
    }

    public override void Write(byte register, byte[] data, int offset, int count)
    {
        CatchUp();
        byte address = register;
        for (int i = 0; i < count; i++)
        {
            WriteOne(address, data[offset + i]);
            address = Next(address);
        }
    }

    public override void Read(byte register, byte[] buffer, int offset, int count)
    {
        CatchUp();
        byte address = register;
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = ReadOne(address);
            address = Next(address);
        }
    }

    protected override double SensitivityG => ((_registers[CTRL1_XL] >> 2) & 0x03) switch
    {
        0 => 0.061e-3,
        1 => 0.488e-3,
        2 => 0.122e-3,
        _ => 0.244e-3,
    };

    protected override bool KeepsEverySample => FifoMode != 0 && AccelInFifo;

    private int FifoMode => _registers[FIFO_CTRL5] & 0x07;

    private bool AccelInFifo => (_registers[FIFO_CTRL3] & 0x07) != 0;

    private bool GyroInFifo => (_registers[FIFO_CTRL3] & 0x38) != 0 && (_registers[CTRL2_G] >> 4) != 0;

    private int PatternWords => (AccelInFifo ? 3 : 0) + (GyroInFifo ? 3 : 0);

    protected override void OnSample(short x, short y, short z)
    {
        Put(OUTX_L_XL, x);
        Put(OUTX_L_XL + 2, y);
        Put(OUTX_L_XL + 4, z);
        _registers[STATUS_REG] |= 0x01;
        if (!KeepsEverySample)
        {
            return;
        }

        if (GyroInFifo)
        {
            Push(0);
            Push(0);
            Push(0);
        }

        Push(x);
        Push(y);
        Push(z);
    }

    private void Push(short value)
    {
        if (_fifo.Count >= FifoCapacityWords)
        {
            if (FifoMode == 0x01)
            {
                return; // FIFO mode: stops collecting once full
            }

            _fifo.Dequeue();
            _wordsLeft++;
            if (!_overrun)
            {
                Overflows++;
            }

            _overrun = true;
            if (_wordsLeft % 3 == 1)
            {
                SamplesOverwritten++;
            }
        }

        _fifo.Enqueue(unchecked((ushort)value));
    }

    private void WriteOne(byte register, byte value)
    {
        switch (register)
        {
            case CTRL3_C when (value & 0x01) != 0:
                PowerCycle();
                return;
            case WHO_AM_I:
            case STATUS_REG:
                return;
            default:
                if (register >= OUTX_L_XL - 8 && register < OUTX_L_XL + 6 || register >= FIFO_STATUS1)
                {
                    return; // outputs and FIFO status are read-only
                }

                _registers[register] = value;
                if (register == FIFO_CTRL5 && (value & 0x07) == 0)
                {
                    EmptyFifo();
                }

                Reschedule();
                return;
        }
    }

    private byte ReadOne(byte register)
    {
        switch (register)
        {
            case WHO_AM_I:
                return 0x69;
            case STATUS_REG:
                byte status = _registers[STATUS_REG];
                _registers[STATUS_REG] = 0;
                return status;
            case FIFO_STATUS1:
                return (byte)UnreadWords;
            case FIFO_STATUS2:
                return (byte)(((UnreadWords >> 8) & 0x0F) | (_overrun ? 0x40 : 0) | (_fifo.Count >= FifoCapacityWords ? 0x20 : 0)
                    | (_fifo.Count == 0 ? 0x10 : 0));
            case FIFO_STATUS3:
                return (byte)Pattern;
            case FIFO_STATUS4:
                return (byte)((Pattern >> 8) & 0x03);
            case FIFO_DATA_OUT_L:
                return _fifo.Count == 0 ? (byte)0 : (byte)_fifo.Peek();
            case FIFO_DATA_OUT_H:
                if (_fifo.Count == 0)
                {
                    return 0;
                }

                ushort word = _fifo.Dequeue();
                _wordsLeft++;
                if (_fifo.Count < FifoCapacityWords)
                {
                    _overrun = false;
                }

                return (byte)(word >> 8);
            default:
                return _registers[register];
        }
    }

    /// <summary>DIFF_FIFO has 12 bits: a FIFO holding all 4096 words reads as 4095 (FIFO_FULL says the rest).</summary>
    private int UnreadWords => Math.Min(_fifo.Count, 4095);

    private int Pattern => PatternWords == 0 ? 0 : (int)(_wordsLeft % PatternWords);

    private byte Next(byte address)
    {
        if ((_registers[CTRL3_C] & 0x04) == 0)
        {
            return address;
        }

        return address == FIFO_DATA_OUT_H ? FIFO_DATA_OUT_L : (byte)((address + 1) & 0x7F);
    }

    private void EmptyFifo()
    {
        _fifo.Clear();
        _overrun = false;
        _wordsLeft = 0;
    }

    private void Reschedule()
    {
        int xlCode = _registers[CTRL1_XL] >> 4;
        double xlRate = xlCode < RatesHz.Length ? RatesHz[xlCode] : 0;
        int fifoCode = (_registers[FIFO_CTRL5] >> 3) & 0x0F;
        double fifoRate = fifoCode < RatesHz.Length ? RatesHz[fifoCode] : 0;
        double rate = FifoMode != 0 && AccelInFifo && fifoRate > 0 ? Math.Min(fifoRate, xlRate) : xlRate;
        if (rate != RateHz)
        {
            SetRate(rate);
        }
    }

    private void Put(int at, short value)
    {
        _registers[at] = (byte)value;
        _registers[at + 1] = (byte)(value >> 8);
    }
}

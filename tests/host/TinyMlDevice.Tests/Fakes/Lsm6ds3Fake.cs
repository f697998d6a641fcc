namespace TinyMlDevice.Tests.Fakes;

/// <summary>
/// An LSM6DS3 as its datasheet describes it, as far as the FIFO reader goes: software reset, CTRL1_XL rate, the FIFO
/// fed with accelerometer words (x, y, z little-endian) at the FIFO_CTRL5 rate in continuous mode, 4096 words deep
/// (the oldest word is overwritten and FIFO_STATUS2.OVER_RUN set), bypass empties it, FIFO_STATUS1..4 (unread words,
/// flags, pattern = the axis read next), FIFO_DATA_OUT_L/H bursts that roll back from 0x3F to 0x3E, address
/// auto-increment while CTRL3_C.IF_INC is set.
/// </summary>
public sealed class Lsm6ds3Fake : RegisterDeviceFake
{
    public const int FifoCapacityWords = 4096;

    private static readonly double[] RatesHz = { 0, 12.5, 26, 52, 104, 208, 416, 833, 1666, 3332, 6664 };

    private readonly FakeClock _clock;
    private readonly byte[] _registers = new byte[128];
    private readonly LinkedList<ushort> _fifo = new();
    private double _nextSampleMs = double.MaxValue;
    private bool _overrun;
    private long _wordsRead;

    public Lsm6ds3Fake(FakeClock clock, byte whoAmI = 0x69)
    {
        _clock = clock;
        WhoAmI = whoAmI;
        Reset();
    }

    public byte WhoAmI { get; }

    public long SamplesProduced { get; private set; }

    public byte Register(int address) => _registers[address];

    /// <summary>Drops one unread word, as an overwrite in the middle of a sample would: the FIFO is out of step.</summary>
    public void DropOneWord()
    {
        CatchUp();
        if (_fifo.Count > 0)
        {
            _fifo.RemoveFirst();
            _wordsRead++;
        }
    }

    public override void Write(byte register, byte[] data, int offset, int count)
    {
        CatchUp();
        for (int i = 0; i < count; i++)
        {
            WriteOne((byte)(register + i), data[offset + i]);
        }
    }

    public override void Read(byte register, byte[] buffer, int offset, int count)
    {
        CatchUp();
        bool increment = (_registers[0x12] & 0x04) != 0;
        byte address = register;
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = ReadOne(address);
            if (address == 0x3F)
            {
                address = 0x3E;
            }
            else if (increment)
            {
                address++;
            }
        }
    }

    private void WriteOne(byte register, byte value)
    {
        if (register == 0x12 && (value & 0x01) != 0)
        {
            Reset();
            return;
        }

        _registers[register] = value;
        if (register == 0x0A && (value & 0x07) == 0)
        {
            _fifo.Clear();
            _overrun = false;
            _wordsRead = 0;
        }

        Reschedule();
    }

    private byte ReadOne(byte register)
    {
        switch (register)
        {
            case 0x0F:
                return WhoAmI;
            case 0x3A:
                return (byte)_fifo.Count;
            case 0x3B:
                return (byte)(((_fifo.Count >> 8) & 0x0F) | (_overrun ? 0x40 : 0) | (_fifo.Count >= FifoCapacityWords ? 0x20 : 0)
                    | (_fifo.Count == 0 ? 0x10 : 0));
            case 0x3C:
                return (byte)(_wordsRead % 3);
            case 0x3D:
                return 0;
            case 0x3E:
                return _fifo.Count == 0 ? (byte)0 : (byte)_fifo.First!.Value;
            case 0x3F:
                if (_fifo.Count == 0)
                {
                    return 0;
                }

                byte high = (byte)(_fifo.First!.Value >> 8);
                _fifo.RemoveFirst();
                _wordsRead++;
                return high;
            default:
                return _registers[register];
        }
    }

    private void Reset()
    {
        Array.Clear(_registers);
        _registers[0x12] = 0x04; // IF_INC is on after reset
        _fifo.Clear();
        _overrun = false;
        _wordsRead = 0;
        _nextSampleMs = double.MaxValue;
    }

    private int FifoRateCode => (_registers[0x0A] >> 3) & 0x0F;

    private bool Streaming => (_registers[0x0A] & 0x07) == 0x06 && FifoRateCode is > 0 and <= 10
        && (_registers[0x10] >> 4) != 0 && (_registers[0x08] & 0x07) == 0x01;

    private double PeriodMs => 1000.0 / RatesHz[FifoRateCode];

    private void Reschedule()
    {
        if (!Streaming)
        {
            _nextSampleMs = double.MaxValue;
        }
        else if (_nextSampleMs == double.MaxValue)
        {
            _nextSampleMs = _clock.Milliseconds + PeriodMs;
        }
    }

    private void CatchUp()
    {
        while (Streaming && _nextSampleMs <= _clock.Milliseconds)
        {
            long i = SamplesProduced++;
            Push(AccelSignal.X(i));
            Push(AccelSignal.Y(i));
            Push(AccelSignal.Z(i));
            _nextSampleMs += PeriodMs;
        }
    }

    private void Push(short value)
    {
        _fifo.AddLast(unchecked((ushort)value));
        if (_fifo.Count > FifoCapacityWords)
        {
            _fifo.RemoveFirst();
            _wordsRead++;
            _overrun = true;
        }
    }
}

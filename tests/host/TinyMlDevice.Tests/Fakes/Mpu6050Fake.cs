namespace TinyMlDevice.Tests.Fakes;

/// <summary>
/// An MPU6050 as its register map describes it, as far as the FIFO reader goes: reset, sleep, sample-rate divider
/// over the 8 kHz (DLPF off) or 1 kHz base, accelerometer into a 1024-byte FIFO (big-endian x, y, z) while
/// USER_CTRL.FIFO_EN and FIFO_EN.ACCEL are set, FIFO reset, overflow (oldest bytes lost, INT_STATUS bit 4, cleared by
/// reading INT_STATUS), FIFO count, FIFO_R_W bursts, register auto-increment elsewhere. Samples appear as the clock
/// advances, valued <see cref="AccelSignal"/> of their index.
/// </summary>
public sealed class Mpu6050Fake : RegisterDeviceFake
{
    public const int FifoCapacity = 1024;

    private readonly FakeClock _clock;
    private readonly byte[] _registers = new byte[128];
    private readonly LinkedList<byte> _fifo = new();
    private double _nextSampleMs = double.MaxValue;

    public Mpu6050Fake(FakeClock clock, byte whoAmI = 0x68)
    {
        _clock = clock;
        WhoAmI = whoAmI;
        PowerOnReset();
    }

    public byte WhoAmI { get; }

    /// <summary>Samples the sensor has measured into the FIFO since power-on.</summary>
    public long SamplesProduced { get; private set; }

    public int Resets { get; private set; }

    public byte Register(int address) => _registers[address];

    public int FifoBytes
    {
        get
        {
            CatchUp();
            return _fifo.Count;
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
        byte address = register;
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = ReadOne(address);
            if (address != 0x74)
            {
                address++;
            }
        }
    }

    private void WriteOne(byte register, byte value)
    {
        switch (register)
        {
            case 0x6B when (value & 0x80) != 0:
                PowerOnReset();
                Resets++;
                return;
            case 0x6A:
                if ((value & 0x04) != 0)
                {
                    _fifo.Clear();
                }

                _registers[0x6A] = (byte)(value & ~0x04);
                Reschedule();
                return;
            default:
                _registers[register] = value;
                Reschedule();
                return;
        }
    }

    private byte ReadOne(byte register)
    {
        switch (register)
        {
            case 0x3A:
                byte status = _registers[0x3A];
                _registers[0x3A] = 0;
                return status;
            case 0x72:
                return (byte)(_fifo.Count >> 8);
            case 0x73:
                return (byte)_fifo.Count;
            case 0x74:
                if (_fifo.Count == 0)
                {
                    return 0;
                }

                byte value = _fifo.First!.Value;
                _fifo.RemoveFirst();
                return value;
            case 0x75:
                return WhoAmI;
            default:
                return _registers[register];
        }
    }

    private void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[0x6B] = 0x40; // asleep
        _fifo.Clear();
        _nextSampleMs = double.MaxValue;
    }

    private bool Streaming => (_registers[0x6B] & 0x40) == 0 && (_registers[0x6A] & 0x40) != 0 && (_registers[0x23] & 0x08) != 0;

    private double PeriodMs
    {
        get
        {
            int dlpf = _registers[0x1A] & 0x07;
            int baseHz = dlpf == 0 || dlpf == 7 ? 8000 : 1000;
            return 1000.0 * (1 + _registers[0x19]) / baseHz;
        }
    }

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
            foreach (short value in new[] { AccelSignal.X(i), AccelSignal.Y(i), AccelSignal.Z(i) })
            {
                Push((byte)(value >> 8));
                Push((byte)value);
            }

            _nextSampleMs += PeriodMs;
        }
    }

    private void Push(byte value)
    {
        _fifo.AddLast(value);
        if (_fifo.Count > FifoCapacity)
        {
            _fifo.RemoveFirst();
            if ((_registers[0x38] & 0x10) != 0)
            {
                _registers[0x3A] |= 0x10;
            }
        }
    }
}

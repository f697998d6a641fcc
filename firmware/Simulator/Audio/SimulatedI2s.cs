using System.Device.I2s;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Simulator.Audio;

/// <summary>
/// The ESP32's I2S receiver as nanoFramework's driver presents it, with a MEMS microphone on it. The DMA runs 32-bit
/// stereo frames at the sample rate from the moment the device opens (frame k of the world at k / rate seconds), in a
/// ring of BufferSize / 8 frames: frames the application does not take in time are overwritten (counted as lost).
/// Asked for Bit16 + RightLeft, Read hands over 4 bytes per frame: two little-endian int16 slots, the microphone
/// driving one (<see cref="MicrophoneSlot"/>), the other 0. Read blocks (moves virtual time) until the DMA has the
/// frames it asks for. In Master|Rx|Pdm mode the driver of current nanoFramework firmware drops the data-in pin
/// (README, PDM caveat): every sample reads 0 unless <see cref="PdmDataPinFixed"/>. An injected DMA stall produces no
/// frames for its duration (an underrun: the frames of that time never exist).
/// </summary>
public sealed class SimulatedI2s : II2sController
{
    private readonly VirtualClock _clock;
    private readonly WavRecording? _recording;
    private Stream? _open;

    public SimulatedI2s(VirtualClock clock, WavRecording? recording)
    {
        _clock = clock;
        _recording = recording;
    }

    /// <summary>0 (left, L/R to GND) or 1.</summary>
    public int MicrophoneSlot { get; set; }

    /// <summary>Seconds of quiet room before the recording starts.</summary>
    public double RecordingStartS { get; set; }

    /// <summary>The firmware was built with the one-line PDM fix of the README.</summary>
    public bool PdmDataPinFixed { get; set; }

    public I2sConnectionSettings? Settings { get; private set; }

    public long FramesLost { get; private set; }

    public long FramesDelivered { get; private set; }

    public long FramesStalled { get; private set; }

    /// <summary>Virtual time Read spent waiting for the DMA, µs.</summary>
    public long BlockedMicroseconds { get; private set; }

    public int Opens { get; private set; }

    /// <summary>From now on, for durationMs, the DMA produces no frames.</summary>
    public void Stall(long durationMs)
    {
        _open?.Stall(_clock.Microseconds, durationMs * 1000);
    }

    public II2sStream Open(I2sConnectionSettings settings)
    {
        if ((settings.Mode & I2sMode.Rx) == 0)
        {
            throw new ArgumentException("the simulated I2S peripheral only receives (Rx)");
        }

        if (settings.BitsPerSample != I2sBitsPerSample.Bit16 || settings.ChannelFormat != I2sChannelFormat.RightLeft)
        {
            throw new ArgumentException("the simulated I2S peripheral delivers Bit16 + RightLeft frames only");
        }

        if (settings.SampleRate <= 0 || settings.BufferSize < 8)
        {
            throw new ArgumentException("invalid I2S sample rate or buffer size");
        }

        Settings = settings;
        Opens++;
        _open = new Stream(this, settings);
        return _open;
    }

    private sealed class Stream : II2sStream
    {
        private readonly SimulatedI2s _owner;
        private readonly int _rate;
        private readonly long _capacity;
        private readonly bool _silent;
        private long _next;          // world frame index the application reads next
        private long _stalledFrames;  // frames the DMA missed while stalled (they never exist)
        private long _stallFromUs = -1;
        private long _stallUntilUs = -1;
        private bool _closed;

        public Stream(SimulatedI2s owner, I2sConnectionSettings settings)
        {
            _owner = owner;
            _rate = settings.SampleRate;
            _capacity = settings.BufferSize / 8;
            _silent = (settings.Mode & I2sMode.Pdm) != 0 && !owner.PdmDataPinFixed;
            _next = FrameAt(owner._clock.Microseconds);
        }

        public void Stall(long fromUs, long durationUs)
        {
            Settle(fromUs);
            _stallFromUs = fromUs;
            _stallUntilUs = fromUs + durationUs;
        }

        public void Read(byte[] buffer, int offset, int count)
        {
            if (_closed)
            {
                throw new ObjectDisposedException("I2sDevice");
            }

            VirtualClock clock = _owner._clock;
            int frames = count / 4;
            long produced = Produced(clock.Microseconds);
            if (produced - _next > _capacity)
            {
                _owner.FramesLost += produced - _next - _capacity;
                _next = produced - _capacity;
            }

            if (_next + frames > produced)
            {
                long until = TimeOfFrame(_next + frames);
                _owner.BlockedMicroseconds += until - clock.Microseconds;
                clock.AdvanceTo(until);
            }

            for (int f = 0; f < frames; f++)
            {
                short value = _silent ? (short)0 : Sample(_next + f);
                int at = offset + f * 4;
                for (int slot = 0; slot < 2; slot++)
                {
                    short v = slot == _owner.MicrophoneSlot ? value : (short)0;
                    buffer[at + slot * 2] = (byte)v;
                    buffer[at + slot * 2 + 1] = (byte)(v >> 8);
                }
            }

            _next += frames;
            _owner.FramesDelivered += frames;
        }

        public void Close() => _closed = true;

        // The DMA's frame count: world frames since time 0 minus those a stall swallowed. The frame the DMA writes as its
        // n-th is world frame n + stalled (the sound at that instant).
        private long Produced(long nowUs)
        {
            Settle(nowUs);
            long world = FrameAt(nowUs);
            long stalledNow = _stallFromUs >= 0 && nowUs > _stallFromUs ? FrameAt(nowUs) - FrameAt(_stallFromUs) : 0;
            return world - _stalledFrames - stalledNow;
        }

        private void Settle(long nowUs)
        {
            if (_stallFromUs >= 0 && nowUs >= _stallUntilUs)
            {
                long missed = FrameAt(_stallUntilUs) - FrameAt(_stallFromUs);
                _stalledFrames += missed;
                _owner.FramesStalled += missed;
                _stallFromUs = -1;
                _stallUntilUs = -1;
            }
        }

        private long TimeOfFrame(long dmaFrames)
        {
            long world = dmaFrames + _stalledFrames;
            if (_stallFromUs >= 0)
            {
                long stallStart = FrameAt(_stallFromUs);
                if (world > stallStart)
                {
                    world += FrameAt(_stallUntilUs) - stallStart;
                }
            }

            return (world * 1_000_000L + _rate - 1) / _rate;
        }

        private short Sample(long dmaFrame)
        {
            WavRecording? recording = _owner._recording;
            long world = dmaFrame + _stalledFrames;
            if (recording == null)
            {
                return WavRecording.RoomNoise(world);
            }

            world -= (long)Math.Round(_owner.RecordingStartS * _rate);
            long index = recording.SampleRateHz == _rate ? world : (long)Math.Floor(world * (double)recording.SampleRateHz / _rate);
            return recording.At(index);
        }

        private long FrameAt(long microseconds) => microseconds * _rate / 1_000_000L;
    }
}

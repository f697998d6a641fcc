using System.Device.I2s;
using TinyMlDevice.Facades.Backends;

namespace TinyMlDevice.Tests.Fakes;

/// <summary>
/// The ESP32 I2S peripheral as nanoFramework's driver presents it for Bit16 + RightLeft: 4 bytes per frame, two
/// little-endian int16 slots. Frames arrive at SampleRate × RateFactor from the moment the device opens; Read blocks
/// (moves the clock) until the frames it asks for exist; the DMA holds BufferSize / 8 frames and drops the oldest
/// beyond that. Slot values come from Signal; with DataPinDropped every sample is 0, as when the driver dropped the
/// data-in pin.
/// </summary>
public sealed class I2sFake(FakeClock clock) : II2sController
{
    public Func<long, int, short> Signal { get; set; } = (frame, slot) =>
        slot == 0 ? (short)(1000 * Math.Sin(2 * Math.PI * 440 * frame / 16000.0)) : (short)0;

    public double RateFactor { get; set; } = 1.0;

    public bool DataPinDropped { get; set; }

    public I2sConnectionSettings? Opened { get; private set; }

    public long FramesLost { get; private set; }

    public int Closed { get; private set; }

    public II2sStream Open(I2sConnectionSettings settings)
    {
        Opened = settings;
        return new Stream(this, _clock.Milliseconds);
    }

    private sealed class Stream(I2sFake fake, long startMs) : II2sStream
    {
        private long _delivered;

        public void Read(byte[] buffer, int offset, int count)
        {
            I2sConnectionSettings s = fake.Opened!;
            double rate = s.SampleRate * fake.RateFactor;
            long capacity = s.BufferSize / 8;
            long produced = (long)((fake._clock.Milliseconds - startMs) * rate / 1000);
            if (produced - _delivered > capacity)
            {
                fake.FramesLost += produced - _delivered - capacity;
                _delivered = produced - capacity;
            }

            int frames = count / 4;
            long needed = _delivered + frames;
            if (needed > produced)
            {
                fake._clock.AdvanceTo(startMs + (long)Math.Ceiling(needed * 1000 / rate));
            }

            for (int f = 0; f < frames; f++)
            {
                long index = _delivered + f;
                for (int slot = 0; slot < 2; slot++)
                {
                    short value = fake.DataPinDropped ? (short)0 : fake.Signal(index, slot);
                    buffer[offset + f * 4 + slot * 2] = (byte)value;
                    buffer[offset + f * 4 + slot * 2 + 1] = (byte)(value >> 8);
                }
            }

            _delivered += frames;
        }

        public void Close() => fake.Closed++;
    }

    private readonly FakeClock _clock = clock;
}

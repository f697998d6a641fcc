using System;
using TinyMlDevice.Core;

namespace TinyMlDevice.Imu
{
    /// <summary>
    /// An accelerometer read through its FIFO over I2C as int16 counts, axes interleaved: all of x, y, z (axes = 3),
    /// x and y (2) or z alone (1), as nf.config [imu] axes says; the FIFO always holds all three. Subclasses hold the
    /// register map; this class holds what both sensors share: burst reads in bounded chunks, overflow handling and
    /// recovery.
    ///
    /// Faults: a FIFO overflow resets the FIFO (the stream resumes cleanly at the next Read) and is reported as a
    /// SensorFaultException once per gap: an overflow found before any sample was delivered since the last report is
    /// the same gap (the caller was still backing off) and only resets the FIFO again. A bus failure that survives <see cref="RegisterBus.Attempts"/> retries is reported too;
    /// from then on Read returns no samples until, at most every <see cref="ReinitIntervalMs"/>, it has reopened the
    /// device, checked WHO_AM_I and configured the sensor again (a sensor unplugged and plugged back resumes by itself).
    /// </summary>
    public abstract class FifoImu : IMotionInput, IDisposable
    {
        public const string SensorName = "imu";

        /// <summary>Axes in every FIFO sample (x, y, z).</summary>
        public const int FifoAxes = 3;

        public const int BytesPerSample = 6;

        /// <summary>Samples per I2C burst: 240 bytes, about 6 ms at 400 kHz, so no native call blocks long.</summary>
        public const int MaxBurstSamples = 40;

        public const int ReinitIntervalMs = 1000;

        private readonly RegisterBus _bus;
        private readonly IDeviceClock _clock;
        private readonly byte[] _raw = new byte[MaxBurstSamples * BytesPerSample];
        private readonly int _rangeG;
        private readonly int _axes;
        private readonly int _firstAxis;
        private bool _faulted;
        private bool _inGap;
        private long _nextReinitMs;
        private int _sampleRate;

        protected FifoImu(RegisterBus bus, IDeviceClock clock, int rangeG, int axes)
        {
            if (axes < 1 || axes > FifoAxes)
            {
                throw new SensorFaultException(SensorName, "axes must be 1 (z), 2 (x, y) or 3 (x, y, z), not " + axes);
            }

            _bus = bus;
            _clock = clock;
            _rangeG = rangeG;
            _axes = axes;
            _firstAxis = axes == 1 ? 2 : 0;
        }

        /// <summary>The part's name for messages ("MPU6050").</summary>
        public abstract string Part { get; }

        public int SampleRate
        {
            get { return _sampleRate; }
        }

        public int Axes
        {
            get { return _axes; }
        }

        public float FullScaleG
        {
            get { return _rangeG; }
        }

        public int Address
        {
            get { return _bus.Address; }
        }

        /// <summary>True between a bus fault and the successful re-initialisation that ends it.</summary>
        public bool Faulted
        {
            get { return _faulted; }
        }

        protected RegisterBus Bus
        {
            get { return _bus; }
        }

        protected IDeviceClock Clock
        {
            get { return _clock; }
        }

        /// <summary>Resets and configures the sensor and starts its FIFO. Throws SensorFaultException.</summary>
        public void Start()
        {
            try
            {
                _sampleRate = Configure();
                _faulted = false;
            }
            catch (SensorFaultException)
            {
                EnterFault();
                throw;
            }
        }

        public int Read(short[] buffer, int offset, int count)
        {
            if (_faulted)
            {
                if (_clock.Milliseconds < _nextReinitMs)
                {
                    return 0;
                }

                try
                {
                    _bus.Reopen();
                }
                catch (Exception)
                {
                    EnterFault();
                    throw new SensorFaultException(SensorName, Part + " i2c bus could not be reopened");
                }

                Start();
            }

            string overflow;
            int available;
            try
            {
                available = SamplesAvailable(out overflow);
            }
            catch (SensorFaultException)
            {
                EnterFault();
                throw;
            }

            if (overflow != null)
            {
                RestartFifoOrFault();
                if (_inGap)
                {
                    return 0;
                }

                _inGap = true;
                throw new SensorFaultException(SensorName, Part + " fifo-overflow: " + overflow + "; FIFO reset, stream resumed", true);
            }

            int wanted = available < count ? available : count;
            int done = 0;
            try
            {
                while (done < wanted)
                {
                    int burst = wanted - done < MaxBurstSamples ? wanted - done : MaxBurstSamples;
                    ReadFifo(_raw, burst * BytesPerSample);
                    SampleUnpacker.ImuAxes(_raw, burst, FifoIsBigEndian, _firstAxis, _axes, buffer, offset + done * _axes);
                    done += burst;
                }
            }
            catch (SensorFaultException)
            {
                EnterFault();
                throw;
            }

            if (done > 0)
            {
                _inGap = false;
            }

            return done;
        }

        /// <summary>Empties the FIFO: what piled up while nobody read (at boot, while models load) is dropped unreported.</summary>
        public void DiscardBacklog()
        {
            if (!_faulted)
            {
                RestartFifoOrFault();
            }
        }

        public void Dispose()
        {
            _bus.Dispose();
        }

        /// <summary>Reset, WHO_AM_I check, rate and range, FIFO on. Returns the sample rate achieved.</summary>
        protected abstract int Configure();

        /// <summary>Whole samples waiting in the FIFO; overflow gets a reason when data were lost.</summary>
        protected abstract int SamplesAvailable(out string overflow);

        /// <summary>Empties the FIFO and lets it fill again from the next sample.</summary>
        protected abstract void RestartFifo();

        /// <summary>byteCount bytes (whole samples) from the FIFO into raw, in one burst.</summary>
        protected abstract void ReadFifo(byte[] raw, int byteCount);

        /// <summary>The byte order of the FIFO's 16-bit words.</summary>
        protected abstract bool FifoIsBigEndian { get; }

        /// <summary>Throws unless WHO_AM_I holds the part's value.</summary>
        protected void ExpectIdentity(byte register, byte expected)
        {
            byte actual = _bus.Read(register);
            if (actual != expected)
            {
                throw new SensorFaultException(SensorName, Part + " WHO_AM_I 0x" + actual.ToString("X2") + " at address 0x"
                    + _bus.Address.ToString("X2") + ", expected 0x" + expected.ToString("X2"));
            }
        }

        private void RestartFifoOrFault()
        {
            try
            {
                RestartFifo();
            }
            catch (SensorFaultException)
            {
                EnterFault();
                throw;
            }
        }

        private void EnterFault()
        {
            _faulted = true;
            _nextReinitMs = _clock.Milliseconds + ReinitIntervalMs;
        }
    }
}

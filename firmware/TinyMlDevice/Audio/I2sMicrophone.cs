using System;
using System.Device.I2s;
using TinyMlDevice.Core;

namespace TinyMlDevice.Audio
{
    /// <summary>
    /// A MEMS microphone on the ESP32's I2S peripheral as 16-bit mono at SampleRate.
    ///
    /// The native driver always runs its DMA as 32-bit stereo frames; asked for RightLeft + Bit16 it hands over 4 bytes
    /// per frame (two little-endian int16 slots, the high halves). A microphone drives one slot (the L/R pin picks
    /// which), so start-up reads <see cref="I2sMicrophoneOptions.ProbeMs"/> of audio, keeps the slot that carries signal
    /// and drops the other, and measures the effective rate against the clock.
    ///
    /// Reads never wait: I2sDevice.Read blocks until its span is full and a blocking native call stops every managed
    /// thread, so Read asks only for the frames the clock says the DMA already holds (at most 20 ms per call).
    ///
    /// PDM caveat: nanoFramework's ESP32 I2S code keeps the data-in pin only when the mode is exactly Master|Rx, so
    /// with Master|Rx|Pdm the DMA runs but the samples never change. Start-up reports that as the "pdm-no-data" fault
    /// (no signal within ProbeMs). Fallbacks: an I2S microphone (INMP441) on the same pins with interface = i2s, or a
    /// firmware built with the one-line driver fix described in README "Run on a board".
    /// </summary>
    public sealed class I2sMicrophone : IAudioInput, IDisposable
    {
        public const string SensorName = "microphone";

        /// <summary>Frames per DMA buffer in nanoFramework's ESP32 driver (DMA_BUF_LEN_IN_I2S_FRAMES).</summary>
        public const int DmaFramesPerBuffer = 256;

        /// <summary>DMA frame: 32-bit left and right slots.</summary>
        public const int DmaBytesPerFrame = 8;

        /// <summary>What Read returns per frame with Bit16 + RightLeft.</summary>
        public const int BytesPerFrame = 4;

        /// <summary>Most frames one Read moves: 20 ms at 16 kHz, one native call.</summary>
        public const int ChunkFrames = 320;

        private readonly MicrophoneSettings _settings;
        private readonly I2sMicrophoneOptions _options;
        private readonly IDeviceClock _clock;
        private readonly byte[] _frames = new byte[ChunkFrames * BytesPerFrame];
        private I2sDevice _device;
        private int _slot;
        private int _measuredRateHz;
        private long _lastMs;
        private long _owedMilliFrames;
        private long _lastSignalMs;
        private bool _inGap;

        public I2sMicrophone(MicrophoneSettings settings, I2sMicrophoneOptions options, IDeviceClock clock)
        {
            _settings = settings;
            _options = options;
            _clock = clock;
        }

        public int SampleRate
        {
            get { return _settings.SampleRateHz; }
        }

        /// <summary>The slot (0 or 1) the microphone drives, found at start-up.</summary>
        public int Slot
        {
            get { return _slot; }
        }

        /// <summary>Frames per second measured at start-up (0 when the clock did not advance while reading).</summary>
        public int MeasuredRateHz
        {
            get { return _measuredRateHz; }
        }

        /// <summary>The settings handed to I2sDevice: Bit16, RightLeft, Philips I2S, and the mode of the interface.</summary>
        public static I2sConnectionSettings ConnectionSettings(MicrophoneSettings settings, I2sMicrophoneOptions options)
        {
            I2sConnectionSettings connection = new I2sConnectionSettings(options.BusId);
            // exactly Master|Rx for I2S: any other Rx mode loses the data-in pin in the native driver
            connection.Mode = settings.Interface == MicrophoneInterface.Pdm
                ? I2sMode.Master | I2sMode.Rx | I2sMode.Pdm
                : I2sMode.Master | I2sMode.Rx;
            connection.SampleRate = settings.SampleRateHz;
            connection.BitsPerSample = I2sBitsPerSample.Bit16;
            connection.ChannelFormat = I2sChannelFormat.RightLeft;
            connection.CommunicationFormat = I2sCommunicationFormat.I2S;
            connection.BufferSize = options.DmaBuffers * DmaFramesPerBuffer * DmaBytesPerFrame;
            return connection;
        }

        /// <summary>Opens the peripheral, finds the microphone's slot, checks the rate. Throws SensorFaultException.</summary>
        public void Start()
        {
            try
            {
                _device = new I2sDevice(ConnectionSettings(_settings, _options));
            }
            catch (Exception e)
            {
                throw new SensorFaultException(SensorName, "i2s could not start: " + e.Message);
            }

            int probeFrames = _settings.SampleRateHz * _options.ProbeMs / 1000;
            int range0 = 0;
            int range1 = 0;
            long startMs = _clock.Milliseconds;
            for (int done = 0; done < probeFrames; )
            {
                int frames = probeFrames - done < ChunkFrames ? probeFrames - done : ChunkFrames;
                ReadFrames(frames);
                range0 = Max(range0, SampleUnpacker.SlotRange(_frames, frames, 0));
                range1 = Max(range1, SampleUnpacker.SlotRange(_frames, frames, 1));
                done += frames;
            }

            long elapsedMs = _clock.Milliseconds - startMs;
            if (range0 == 0 && range1 == 0)
            {
                Close();
                throw new SensorFaultException(SensorName, NoDataReason());
            }

            _slot = range1 > range0 ? 1 : 0;
            _measuredRateHz = elapsedMs > 0 ? (int)(probeFrames * 1000L / elapsedMs) : 0;
            if (_measuredRateHz != 0)
            {
                int difference = _measuredRateHz - _settings.SampleRateHz;
                int deviation = (difference < 0 ? -difference : difference) * 100;
                if (deviation > _options.RateTolerancePercent * _settings.SampleRateHz)
                {
                    Close();
                    throw new SensorFaultException(SensorName, "i2s-rate: measured " + _measuredRateHz + " Hz, expected "
                        + _settings.SampleRateHz + " Hz (check the DMA frame format of this firmware)");
                }
            }

            DiscardBacklog();
        }

        /// <summary>True once Start succeeded (Read starts the microphone itself while it is not).</summary>
        public bool Running
        {
            get { return _device != null; }
        }

        public int Read(short[] buffer, int offset, int count)
        {
            if (_device == null)
            {
                // not started, or start-up failed: try again (the core calls back after its retry delay)
                Start();
                return 0;
            }

            long now = _clock.Milliseconds;
            _owedMilliFrames += (now - _lastMs) * _settings.SampleRateHz;
            _lastMs = now;

            long capacityMilliFrames = (long)_options.DmaBuffers * DmaFramesPerBuffer * 1000;
            if (_owedMilliFrames > capacityMilliFrames)
            {
                long lostMs = (_owedMilliFrames - capacityMilliFrames) / _settings.SampleRateHz;
                _owedMilliFrames = capacityMilliFrames;
                if (!_inGap)
                {
                    // once per gap: a read that comes late again before any audio was taken is the same gap
                    _inGap = true;
                    throw new SensorFaultException(SensorName, "i2s-overrun: read " + lostMs
                        + " ms late, the DMA dropped that much audio", true);
                }
            }

            int frames = (int)(_owedMilliFrames / 1000);
            if (frames > count)
            {
                frames = count;
            }

            if (frames > ChunkFrames)
            {
                frames = ChunkFrames;
            }

            if (frames <= 0)
            {
                return 0;
            }

            ReadFrames(frames);
            _owedMilliFrames -= frames * 1000L;
            _inGap = false;
            if (SampleUnpacker.TakeSlot(_frames, frames, _slot, buffer, offset))
            {
                _lastSignalMs = now;
            }
            else if (now - _lastSignalMs > _options.SilentFaultMs)
            {
                _lastSignalMs = now;
                throw new SensorFaultException(SensorName, "no-data: the microphone's samples have not changed for "
                    + _options.SilentFaultMs + " ms");
            }

            return frames;
        }

        /// <summary>Forgets the audio owed so far: reading resumes with what the DMA holds, nothing reported as lost.</summary>
        public void DiscardBacklog()
        {
            _lastMs = _clock.Milliseconds;
            _owedMilliFrames = 0;
            _lastSignalMs = _lastMs;
        }

        public void Dispose()
        {
            Close();
        }

        private void ReadFrames(int frames)
        {
            try
            {
                _device.Read(new SpanByte(_frames, 0, frames * BytesPerFrame));
            }
            catch (Exception e)
            {
                throw new SensorFaultException(SensorName, "i2s read failed: " + e.Message);
            }
        }

        private string NoDataReason()
        {
            if (_settings.Interface == MicrophoneInterface.Pdm)
            {
                return "pdm-no-data: no signal within " + _options.ProbeMs + " ms in Master|Rx|Pdm mode; this firmware's I2S "
                    + "driver keeps the data-in pin only for Master|Rx (use an I2S microphone or the patched firmware)";
            }

            return "i2s-no-data: no signal within " + _options.ProbeMs + " ms (check the data pin, and L/R tied to GND or 3V3)";
        }

        private void Close()
        {
            I2sDevice device = _device;
            _device = null;
            if (device != null)
            {
                device.Dispose();
            }
        }

        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}

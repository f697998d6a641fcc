using System;
using System.Runtime.CompilerServices;

namespace TinyMl
{
    /// <summary>
    /// The micro_speech audio frontend: 16 kHz mono PCM in, one frame of 40 int8 log-mel features per 20 ms
    /// stride out (30 ms windows: the first frame after 480 samples, then one every 320), bit-exact with TFLite
    /// Micro's audio preprocessor. A noise estimate carries from frame to frame: <see cref="Reset"/> at the start
    /// of every independent recording. Not thread-safe: use each frontend from one thread at a time.
    /// </summary>
    public sealed class AudioFrontend : IDisposable
    {
        public const int SampleRate = 16000;

        /// <summary>int8 values per frame, one per mel channel.</summary>
        public const int FeaturesPerFrame = 40;

        /// <summary>Samples of one frame's window (30 ms).</summary>
        public const int WindowSamples = 480;

        /// <summary>Samples between the starts of consecutive windows (20 ms).</summary>
        public const int StrideSamples = 320;

        private readonly int[] _report = new int[2];
        private int _handle; // 0 once disposed
        private int _samplesConsumed;

        /// <summary>A frontend with no samples buffered and a zero noise estimate.</summary>
        public AudioFrontend()
        {
            int[] handle = new int[1];
            int status = NativeCreate(handle);
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(0));
            }

            _handle = handle[0];
        }

        ~AudioFrontend()
        {
            if (_handle != 0)
            {
                NativeRelease(_handle);
            }
        }

        /// <summary>Samples waiting for the window they belong to complete (0..479).</summary>
        public int BufferedSamples
        {
            get
            {
                CheckLive();
                NativeState(_handle, _report);
                return _report[0];
            }
        }

        /// <summary>Frames produced since construction or the last <see cref="Reset"/>.</summary>
        public int FramesSinceReset
        {
            get
            {
                CheckLive();
                NativeState(_handle, _report);
                return _report[1];
            }
        }

        /// <summary>How many samples the last <see cref="Push"/> took: all it was given unless frames filled up first.</summary>
        public int SamplesConsumed
        {
            get
            {
                CheckLive();
                return _samplesConsumed;
            }
        }

        /// <summary>How many frames a recording of this many samples gives: 0 below 480, then one more every 320.</summary>
        public static int FrameCount(int samples)
        {
            return samples < WindowSamples ? 0 : 1 + (samples - WindowSamples) / StrideSamples;
        }

        /// <summary>Forgets the buffered samples and the noise estimate: the next frame is a recording's first.</summary>
        public void Reset()
        {
            CheckLive();
            Check(NativeReset(_handle));
            _samplesConsumed = 0;
        }

        /// <summary>
        /// Feeds samples[offset .. offset + count) and writes every frame they complete into frames (a multiple of
        /// <see cref="FeaturesPerFrame"/> long), from its start. Returns the number of frames written. No frame is
        /// ever dropped: when frames is full, the push stops before the sample that would complete the next window;
        /// <see cref="SamplesConsumed"/> then says where to continue. Feed a 20 ms stride at a time on the device:
        /// other managed threads wait while the native call runs.
        /// </summary>
        public int Push(short[] samples, int offset, int count, sbyte[] frames)
        {
            Arguments.NotNull(samples, "samples");
            Arguments.NotNull(frames, "frames");
            if (offset < 0 || offset > samples.Length)
            {
                throw new ArgumentOutOfRangeException("offset",
                    "offset must lie within the " + samples.Length.ToString() + " samples");
            }

            if (count < 0 || count > samples.Length - offset)
            {
                throw new ArgumentOutOfRangeException("count",
                    (samples.Length - offset).ToString() + " samples follow offset " + offset.ToString());
            }

            if (frames.Length % FeaturesPerFrame != 0)
            {
                throw new ArgumentException("frames holds " + frames.Length.ToString() + " values, not a whole number of " +
                    FeaturesPerFrame.ToString() + "-value frames", "frames");
            }

            CheckLive();
            Check(NativePush(_handle, samples, offset, count, frames, _report));
            _samplesConsumed = _report[0];
            return _report[1];
        }

        /// <summary>Resets, then returns every frame of one recording (<see cref="FrameCount"/> frames, row by row).</summary>
        public sbyte[] ComputeFeatures(short[] clip)
        {
            Arguments.NotNull(clip, "clip");
            Reset();
            sbyte[] frames = new sbyte[FrameCount(clip.Length) * FeaturesPerFrame];
            Push(clip, 0, clip.Length, frames);
            return frames;
        }

        public void Dispose()
        {
            if (_handle == 0)
            {
                return;
            }

            NativeRelease(_handle);
            _handle = 0;
            GC.SuppressFinalize(this);
        }

        private void CheckLive()
        {
            if (_handle == 0)
            {
                throw new ObjectDisposedException("AudioFrontend");
            }
        }

        private void Check(int status)
        {
            if (status != 0)
            {
                throw new TinyMlException((TinyMlStatus)status, NativeErrorText(_handle));
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeCreate(int[] handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeRelease(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeReset(int handle);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativePush(int handle, short[] samples, int offset, int count, sbyte[] frames,
            int[] report);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void NativeState(int handle, int[] report);

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NativeErrorText(int handle);
    }
}

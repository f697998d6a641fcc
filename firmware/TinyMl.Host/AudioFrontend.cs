using System;
using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl;

/// <summary>
/// The micro_speech audio frontend: 16 kHz mono PCM in, one frame of 40 int8 log-mel features per 20 ms
/// stride out (30 ms windows: the first frame after 480 samples, then one every 320), bit-exact with TFLite
/// Micro's audio preprocessor. A noise estimate carries from frame to frame: <see cref="Reset"/> at the start
/// of every independent recording. Not thread-safe: use each frontend from one thread at a time.
/// </summary>
public sealed unsafe class AudioFrontend : IDisposable
{
    public const int SampleRate = AudioLimits.SampleRate;

    /// <summary>int8 values per frame, one per mel channel.</summary>
    public const int FeaturesPerFrame = AudioLimits.Features;

    /// <summary>Samples of one frame's window (30 ms).</summary>
    public const int WindowSamples = AudioLimits.WindowSamples;

    /// <summary>Samples between the starts of consecutive windows (20 ms).</summary>
    public const int StrideSamples = AudioLimits.StrideSamples;

    private TmlAudioFrontend* _frontend;
    private int _samplesConsumed;
    private bool _disposed;

    /// <summary>A frontend with no samples buffered and a zero noise estimate.</summary>
    public AudioFrontend()
    {
        _frontend = NativeBlock.Allocate<TmlAudioFrontend>();
        Check(tml_audio_init(_frontend));
    }

    ~AudioFrontend() => NativeBlock.Free(ref _frontend);

    /// <summary>Samples waiting for the window they belong to complete (0..479).</summary>
    public int BufferedSamples => (int)Live()->Buffered;

    /// <summary>Frames produced since construction or the last <see cref="Reset"/>.</summary>
    public int FramesSinceReset => (int)Live()->Frames;

    /// <summary>How many samples the last <see cref="Push"/> took: all it was given unless frames filled up first.</summary>
    public int SamplesConsumed
    {
        get
        {
            Live();
            return _samplesConsumed;
        }
    }

    /// <summary>How many frames a recording of this many samples gives: 0 below 480, then one more every 320.</summary>
    public static int FrameCount(int samples) =>
        samples < WindowSamples ? 0 : 1 + (samples - WindowSamples) / StrideSamples;

    /// <summary>Forgets the buffered samples and the noise estimate: the next frame is a recording's first.</summary>
    public void Reset()
    {
        Check(tml_audio_reset(Live()));
        _samplesConsumed = 0;
    }

    /// <summary>
    /// Feeds samples[offset .. offset + count) and writes every frame they complete into frames (a multiple of
    /// <see cref="FeaturesPerFrame"/> long), from its start. Returns the number of frames written. No frame is
    /// ever dropped: when frames is full, the push stops before the sample that would complete the next window;
    /// <see cref="SamplesConsumed"/> then says where to continue.
    /// </summary>
    public int Push(short[] samples, int offset, int count, sbyte[] frames)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(frames);
        if (offset < 0 || offset > samples.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"offset must lie within the {samples.Length} samples");
        }

        if (count < 0 || count > samples.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"{samples.Length - offset} samples follow offset {offset}");
        }

        if (frames.Length % FeaturesPerFrame != 0)
        {
            throw new ArgumentException(
                $"frames holds {frames.Length} values, not a whole number of {FeaturesPerFrame}-value frames", nameof(frames));
        }

        TmlAudioFrontend* frontend = Live();
        uint consumed, written;
        TinyMlStatus status;
        fixed (short* s = samples)
        fixed (sbyte* f = frames)
        {
            status = tml_audio_push(frontend, s + offset, (uint)count, f, (uint)(frames.Length / FeaturesPerFrame),
                &consumed, &written);
        }

        Check(status);
        _samplesConsumed = (int)consumed;
        return (int)written;
    }

    /// <summary>Resets, then returns every frame of one recording (<see cref="FrameCount"/> frames, row by row).</summary>
    public sbyte[] ComputeFeatures(short[] clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        Reset();
        sbyte[] frames = new sbyte[FrameCount(clip.Length) * FeaturesPerFrame];
        Push(clip, 0, clip.Length, frames);
        return frames;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeBlock.Free(ref _frontend);
        GC.SuppressFinalize(this);
    }

    private TmlAudioFrontend* Live()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _frontend;
    }

    private void Check(TinyMlStatus status)
    {
        if (status != TinyMlStatus.Ok)
        {
            throw Failure(status, tml_audio_error(_frontend));
        }

        GC.KeepAlive(this);
    }
}

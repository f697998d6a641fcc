using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl.Host.Tests;

// The managed audio frontend over the engine: the shared recordings' gold features (TFLite Micro's micro_speech
// preprocessor), the same frames whatever the chunking, reset, argument checks and the struct mirror's size.
public unsafe class AudioFrontendTests
{
    private const int Features = AudioFrontend.FeaturesPerFrame;

    [Theory]
    [InlineData("yes_1000ms")]
    [InlineData("no_1000ms")]
    [InlineData("silence_1000ms")]
    [InlineData("noise_1000ms")]
    [InlineData("yes_30ms")]
    [InlineData("no_30ms")]
    public void ComputeFeaturesMatchesTheGoldFeatures(string wav)
    {
        string audio = Path.Combine(Conformance.Require(), "audio");
        short[] clip = WavSamples(File.ReadAllBytes(Path.Combine(audio, wav + ".wav")));
        byte[] gold = File.ReadAllBytes(Path.Combine(audio, "gold", wav + ".features.bin"));
        using var frontend = new AudioFrontend();
        Assert.Equal(Sbytes(gold), frontend.ComputeFeatures(clip));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(320)]
    [InlineData(1000)]
    public void PushingInChunksGivesTheFramesOfOneClip(int chunk)
    {
        short[] clip = Signal(16000);
        using var frontend = new AudioFrontend();
        sbyte[] whole = frontend.ComputeFeatures(clip);
        frontend.Reset();

        var frames = new List<sbyte>();
        sbyte[] buffer = new sbyte[4 * Features];
        for (int at = 0; at < clip.Length; at += chunk)
        {
            int count = Math.Min(chunk, clip.Length - at);
            int written = frontend.Push(clip, at, count, buffer);
            Assert.Equal(count, frontend.SamplesConsumed);
            frames.AddRange(buffer.Take(written * Features));
        }

        Assert.Equal(49 * Features, whole.Length);
        Assert.Equal(whole, frames.ToArray());
        Assert.Equal(49, frontend.FramesSinceReset);
    }

    [Fact]
    public void PushStopsBeforeAWindowWithNoRoomForItsFrame()
    {
        short[] clip = Signal(1000);
        using var frontend = new AudioFrontend();
        sbyte[] one = new sbyte[Features];
        Assert.Equal(1, frontend.Push(clip, 0, clip.Length, one));
        Assert.Equal(799, frontend.SamplesConsumed); // the window ending at 800 waits for room
        Assert.Equal(479, frontend.BufferedSamples);
    }

    [Fact]
    public void ResetRestoresFirstFrameBehaviour()
    {
        short[] clip = Signal(16000);
        short[] window = clip.Skip(4000).Take(AudioFrontend.WindowSamples).ToArray();
        using var fresh = new AudioFrontend();
        sbyte[] expected = fresh.ComputeFeatures(window);

        using var frontend = new AudioFrontend();
        sbyte[] frames = new sbyte[64 * Features];
        frontend.Push(clip, 0, clip.Length - 100, frames);
        frontend.Reset();
        Assert.Equal(0, frontend.BufferedSamples);
        Assert.Equal(1, frontend.Push(window, 0, window.Length, frames));
        Assert.Equal(expected, frames.Take(Features).ToArray());
    }

    [Fact]
    public void FrameCountFollowsTheStride()
    {
        Assert.Equal(0, AudioFrontend.FrameCount(479));
        Assert.Equal(1, AudioFrontend.FrameCount(480));
        Assert.Equal(1, AudioFrontend.FrameCount(799));
        Assert.Equal(2, AudioFrontend.FrameCount(800));
        Assert.Equal(49, AudioFrontend.FrameCount(16000));
    }

    [Fact]
    public void BadPushArgumentsThrow()
    {
        using var frontend = new AudioFrontend();
        short[] clip = new short[100];
        Assert.Throws<ArgumentNullException>(() => frontend.Push(null!, 0, 0, new sbyte[Features]));
        Assert.Throws<ArgumentNullException>(() => frontend.Push(clip, 0, 100, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => frontend.Push(clip, 101, 0, new sbyte[Features]));
        Assert.Throws<ArgumentOutOfRangeException>(() => frontend.Push(clip, 50, 51, new sbyte[Features]));
        var error = Assert.Throws<ArgumentException>(() => frontend.Push(clip, 0, 100, new sbyte[41]));
        Assert.Equal("frames", error.ParamName);
    }

    [Fact]
    public void DisposedFrontendThrowsObjectDisposedException()
    {
        var frontend = new AudioFrontend();
        frontend.Dispose();
        frontend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => frontend.Reset());
        Assert.Throws<ObjectDisposedException>(() => frontend.Push(new short[1], 0, 1, new sbyte[Features]));
    }

    [Fact]
    public void FrontendStructHasTheEnginesSize()
    {
        const int guard = 64;
        int size = sizeof(TmlAudioFrontend);
        byte* block = NativeBlock.Allocate((nuint)(size + guard));
        try
        {
            new Span<byte>(block, size + guard).Fill(0xCD);
            Assert.Equal(TinyMlStatus.Ok, tml_audio_init((TmlAudioFrontend*)block)); // clears the whole struct
            Assert.Equal(0, block[size - 1]);
            for (int i = size; i < size + guard; i++)
            {
                Assert.True(block[i] == 0xCD, $"the engine wrote byte {i} of a {size}-byte struct");
            }
        }
        finally
        {
            NativeBlock.Free(ref block);
        }
    }

    // The samples of a 16-bit mono WAV's data chunk, found by walking the chunks.
    private static short[] WavSamples(byte[] wav)
    {
        for (int pos = 12; pos + 8 <= wav.Length;)
        {
            int size = BitConverter.ToInt32(wav, pos + 4);
            if (wav[pos] == 'd' && wav[pos + 1] == 'a' && wav[pos + 2] == 't' && wav[pos + 3] == 'a')
            {
                short[] samples = new short[Math.Min(size, wav.Length - pos - 8) / 2];
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BitConverter.ToInt16(wav, pos + 8 + 2 * i);
                }

                return samples;
            }

            pos += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }

    // A deterministic test signal: a drifting tone with bursts of a higher one and a little noise.
    private static short[] Signal(int count)
    {
        short[] samples = new short[count];
        var random = new Random(5);
        for (int i = 0; i < count; i++)
        {
            double t = (double)i / AudioFrontend.SampleRate;
            double burst = i % 5000 < 2000 ? 8000 : 0;
            samples[i] = (short)(3000 * Math.Sin(2 * Math.PI * (300 + 200 * t) * t) +
                burst * Math.Sin(2 * Math.PI * 1800 * t) + random.Next(-200, 200));
        }

        return samples;
    }

    private static sbyte[] Sbytes(byte[] bytes) => bytes.Select(b => (sbyte)b).ToArray();
}

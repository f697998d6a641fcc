using TinyMl;

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>
/// The model input of a clip: the native frontend's 49×40 int8 features q (noise state reset per clip), presented as
/// x = q / 128 (docs/TOOLKIT.md). One frontend per thread, so clips can be computed in parallel.
/// </summary>
public sealed class KwsFeatures : IDisposable
{
    public const string Config = "micro_speech-49x40-q/128";
    public const int Frames = 49;
    public const int Channels = AudioFrontend.FeaturesPerFrame;
    public const int Size = Frames * Channels;

    private readonly ThreadLocal<AudioFrontend> _frontends = new(() => new AudioFrontend(), trackAllValues: true);

    /// <summary>Writes the Size features of one second of audio into destination at offset.</summary>
    public void Compute(short[] clip, float[] destination, int offset)
    {
        if (AudioFrontend.FrameCount(clip.Length) != Frames)
            throw new ArgumentException($"{clip.Length} samples give {AudioFrontend.FrameCount(clip.Length)} frames, not {Frames}");
        var q = _frontends.Value!.ComputeFeatures(clip);
        for (var i = 0; i < Size; i++) destination[offset + i] = q[i] / 128f;
    }

    public void Dispose()
    {
        foreach (var frontend in _frontends.Values) frontend.Dispose();
        _frontends.Dispose();
    }
}

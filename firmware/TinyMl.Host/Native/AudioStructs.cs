using System.Runtime.InteropServices;

namespace TinyMl.Native;

// tinyml/audio.h's tml_audio_frontend, field for field. The engine writes it on every push, so it lives in
// native memory. AudioFrontendTests checks the size against what tml_audio_init clears.
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TmlAudioFrontend
{
    public fixed short Window[AudioLimits.WindowSamples];
    public fixed short Work[AudioLimits.WorkSamples];
    public fixed uint Noise[AudioLimits.Features];
    public uint Buffered;
    public uint Frames;
    public uint Ready;
    public fixed byte Error[EngineLimits.ErrorTextBytes];
}

internal static class AudioLimits
{
    public const int SampleRate = 16000;    // TML_AUDIO_SAMPLE_RATE
    public const int Features = 40;         // TML_AUDIO_FEATURES
    public const int WindowSamples = 480;   // TML_AUDIO_WINDOW_SAMPLES
    public const int StrideSamples = 320;   // TML_AUDIO_STRIDE_SAMPLES
    public const int WorkSamples = 1026;    // TML_AUDIO_WORK_SAMPLES
}

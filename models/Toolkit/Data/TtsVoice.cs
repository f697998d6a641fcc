using System.Text;

namespace TinyMl.Toolkit.Data;

/// <summary>One voice of a TTS engine: espeak-ng language + variant, a flite voice or a festival voice.</summary>
public sealed record TtsVoice(string Engine, string Name, string Variant, string Gender, string Accent)
{
    /// <summary>Speaker id for Speech Commands file names and group evaluation: lower-case letters, digits and '-'.</summary>
    public string Speaker => Sanitize(Variant.Length == 0 ? $"{Engine}-{Name}" : $"{Engine}-{Name}-{Variant}");

    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}

/// <summary>What to say, with which voice, at which speaking rate and pitch (1 = the voice's default).</summary>
public sealed record TtsRequest(TtsVoice Voice, string Text, double Rate, double Pitch);

/// <summary>Mono audio as floats in [−1, 1] at its own rate.</summary>
public sealed record Pcm(float[] Samples, int SampleRate)
{
    public static Pcm FromWav(WavFile wav)
    {
        var frames = wav.Frames;
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0;
            for (var c = 0; c < wav.Channels; c++) sum += wav.Samples[i * wav.Channels + c];
            samples[i] = sum / (32768f * wav.Channels);
        }
        return new Pcm(samples, wav.SampleRate);
    }

    public Pcm To(int rate) => rate == SampleRate ? this : new Pcm(Resampler.Resample(Samples, SampleRate, rate), rate);
}

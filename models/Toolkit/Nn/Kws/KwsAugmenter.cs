namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>The augmentations of <see cref="KwsAugmentation"/>, each drawing from the sample's own random stream.</summary>
public static class KwsAugmenter
{
    private const int SampleRate = 16000;

    /// <summary>The clip shifted and mixed with noise as the options say; null makes synthesized silence.</summary>
    public static short[] Waveform(KeywordClip? clip, RandomStream rng, NoiseBank noise, KwsAugmentation options)
    {
        if (clip is null) return Silence(rng, noise, options);
        var length = clip.Samples.Length;
        var maxShift = (int)(options.TimeShiftMs * SampleRate / 1000);
        var shift = maxShift > 0 ? rng.NextInt(-maxShift, maxShift) : 0;
        var signal = new float[length];
        for (var i = 0; i < length; i++)
        {
            var from = i - shift;
            if (from >= 0 && from < length) signal[i] = clip.Samples[from];
        }
        if (noise.Count > 0 && rng.Chance(options.NoiseProbability))
        {
            var segment = noise.Segment(rng, length);
            var snr = rng.Uniform(options.MinSnrDb, options.MaxSnrDb);
            double signalRms = Rms(signal), noiseRms = Rms(segment);
            if (signalRms > 0 && noiseRms > 0)
            {
                var gain = (float)(signalRms / noiseRms * Math.Pow(10, -snr / 20));
                for (var i = 0; i < length; i++) signal[i] += gain * segment[i];
            }
        }
        return ToPcm(signal);
    }

    /// <summary>Masks random bands of frames and channels of features [frames × channels] (at offset) with their mean.</summary>
    public static void MaskFeatures(float[] features, int offset, int frames, int channels, RandomStream rng, KwsAugmentation options)
    {
        if (options.TimeMasks == 0 && options.FrequencyMasks == 0) return;
        var span = features.AsSpan(offset, frames * channels);
        var mean = System.Numerics.Tensors.TensorPrimitives.Sum(span) / span.Length;
        for (var m = 0; m < options.TimeMasks; m++)
        {
            var width = rng.NextInt(0, Math.Min(options.MaxTimeMaskFrames, frames));
            var start = rng.NextInt(0, frames - width);
            span.Slice(start * channels, width * channels).Fill(mean);
        }
        for (var m = 0; m < options.FrequencyMasks; m++)
        {
            var width = rng.NextInt(0, Math.Min(options.MaxFrequencyMaskChannels, channels));
            var start = rng.NextInt(0, channels - width);
            for (var f = 0; f < frames; f++) span.Slice(f * channels + start, width).Fill(mean);
        }
    }

    private static short[] Silence(RandomStream rng, NoiseBank noise, KwsAugmentation options)
    {
        if (noise.Count == 0) return new short[SampleRate];
        var segment = noise.Segment(rng, SampleRate);
        var level = rng.Uniform(options.SilenceMinDbfs, options.SilenceMaxDbfs);
        var rms = Rms(segment);
        var gain = rms > 0 ? (float)(32768 * Math.Pow(10, level / 20) / rms) : 0f;
        for (var i = 0; i < segment.Length; i++) segment[i] *= gain;
        return ToPcm(segment);
    }

    private static double Rms(float[] x)
    {
        double sum = 0;
        foreach (var v in x) sum += (double)v * v;
        return Math.Sqrt(sum / x.Length);
    }

    private static short[] ToPcm(float[] x)
    {
        var pcm = new short[x.Length];
        for (var i = 0; i < x.Length; i++) pcm[i] = (short)Math.Clamp(MathF.Round(x[i]), short.MinValue, short.MaxValue);
        return pcm;
    }
}

namespace TinyMl.Toolkit.Nn.Kws;

/// <summary>
/// Random changes applied to every training clip, fresh each epoch: on the waveform (before the frontend) a time
/// shift and background noise at a random SNR; on the features SpecAugment-style time and frequency masks.
/// Synthesized _silence_ is background noise alone at a random level. The defaults are the best of a sweep on real
/// speech (Speech Commands, the DS-CNN of 19 K parameters): heavier noise or more masks cost 1–4 points there.
/// </summary>
public sealed record KwsAugmentation
{
    /// <summary>Shift of the clip in time, uniform in ±this (zeros fill the gap).</summary>
    public double TimeShiftMs { get; init; } = 100;

    /// <summary>Share of clips mixed with a background segment.</summary>
    public double NoiseProbability { get; init; } = 0.3;

    /// <summary>Speech-to-noise ratio range (dB, uniform), against the clip's RMS over its second.</summary>
    public double MinSnrDb { get; init; } = 10;

    public double MaxSnrDb { get; init; } = 35;

    /// <summary>Level range of synthesized silence (RMS, dB full scale, uniform).</summary>
    public double SilenceMinDbfs { get; init; } = -65;

    public double SilenceMaxDbfs { get; init; } = -10;

    public int TimeMasks { get; init; } = 1;

    /// <summary>Width of each time mask, uniform in 0..this frames (of 49).</summary>
    public int MaxTimeMaskFrames { get; init; } = 5;

    public int FrequencyMasks { get; init; } = 1;

    /// <summary>Width of each frequency mask, uniform in 0..this channels (of 40).</summary>
    public int MaxFrequencyMaskChannels { get; init; } = 5;

    /// <summary>No change at all (validation, tests).</summary>
    public static KwsAugmentation None { get; } = new()
    {
        TimeShiftMs = 0, NoiseProbability = 0, TimeMasks = 0, FrequencyMasks = 0,
    };
}

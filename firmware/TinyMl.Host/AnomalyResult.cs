namespace TinyMl;

/// <summary>What <see cref="AnomalyBaseline.Feed"/> made of one window.</summary>
public sealed class AnomalyResult
{
    internal AnomalyResult(float score, bool scored, bool anomalous, AnomalyPhase phase)
    {
        Score = score;
        Scored = scored;
        Anomalous = anomalous;
        Phase = phase;
    }

    /// <summary>Mean squared z-score of the window's features; 0 during the warm-up.</summary>
    public float Score { get; }

    /// <summary>False during the warm-up, when there are no statistics to score against yet.</summary>
    public bool Scored { get; }

    /// <summary>Ready, and the score is above the threshold.</summary>
    public bool Anomalous { get; }

    /// <summary>The phase after this window: the last calibration window makes the baseline ready.</summary>
    public AnomalyPhase Phase { get; }
}

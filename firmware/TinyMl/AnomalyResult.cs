namespace TinyMl
{
    /// <summary>What <see cref="AnomalyBaseline.Feed"/> made of one window.</summary>
    public sealed class AnomalyResult
    {
        private readonly float _score;
        private readonly bool _scored;
        private readonly bool _anomalous;
        private readonly AnomalyPhase _phase;

        internal AnomalyResult(float score, bool scored, bool anomalous, AnomalyPhase phase)
        {
            _score = score;
            _scored = scored;
            _anomalous = anomalous;
            _phase = phase;
        }

        /// <summary>Mean squared z-score of the window's features; 0 during the warm-up.</summary>
        public float Score
        {
            get { return _score; }
        }

        /// <summary>False during the warm-up, when there are no statistics to score against yet.</summary>
        public bool Scored
        {
            get { return _scored; }
        }

        /// <summary>Ready, and the score is above the threshold.</summary>
        public bool Anomalous
        {
            get { return _anomalous; }
        }

        /// <summary>The phase after this window: the last calibration window makes the baseline ready.</summary>
        public AnomalyPhase Phase
        {
            get { return _phase; }
        }
    }
}

using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// Turns the keyword model's per-inference scores into keyword decisions: a moving average of each label's score over
    /// the last Window inferences, the best label, a threshold, labels that never fire, and a refractory period after
    /// each event. Scores stay in the model's integer units (q − zero point) so the average is exact and drift-free.
    /// This is managed arithmetic on purpose: a few operations per label per inference (12 labels, at most 50
    /// inferences a second) — hundreds of IL instructions a second against the 16,000 samples a second that the
    /// native frontend and model handle; the per-sample rule is about the latter.
    /// </summary>
    public sealed class PosteriorSmoother
    {
        private readonly int _labels;
        private readonly int _window;
        private readonly bool[] _ignored;
        private readonly float _scale;
        private readonly int _zeroPoint;
        private float _threshold;
        private readonly long _refractoryMs;
        private readonly int[] _history;
        private readonly int[] _sums;
        private int _next;
        private long _lastEventMs;
        private bool _anyEvent;

        /// <param name="labels">Scores per inference.</param>
        /// <param name="window">Inferences averaged (missing ones, right after a reset, count as score 0).</param>
        /// <param name="ignored">Per label: true when it never fires (e.g. _silence_).</param>
        /// <param name="scale">Of the scores: probability = scale · (q − zeroPoint).</param>
        /// <param name="zeroPoint">Of the scores.</param>
        /// <param name="threshold">Smoothed probability a label must reach.</param>
        /// <param name="refractoryMs">After an event, no event for this long.</param>
        public PosteriorSmoother(int labels, int window, bool[] ignored, float scale, int zeroPoint, float threshold,
            int refractoryMs)
        {
            if (labels < 1 || window < 1)
            {
                throw new ArgumentOutOfRangeException(labels < 1 ? "labels" : "window", "must be at least 1");
            }

            if (ignored == null || ignored.Length != labels)
            {
                throw new ArgumentException("one ignored flag per label", "ignored");
            }

            if (!(scale > 0))
            {
                throw new ArgumentOutOfRangeException("scale", "the scores' scale must be positive");
            }

            _labels = labels;
            _window = window;
            _ignored = ignored;
            _scale = scale;
            _zeroPoint = zeroPoint;
            _threshold = threshold;
            _refractoryMs = refractoryMs;
            _history = new int[window * labels];
            _sums = new int[labels];
        }

        public int Labels => _labels;

        public int Window => _window;

        /// <summary>Smoothed probability a label must reach (Control can change it while running).</summary>
        public float Threshold
        {
            get => _threshold;
            set => _threshold = value;
        }

        /// <summary>The smoothed score of the label returned by the last Update that fired.</summary>
        public float Confidence { get; private set; }

        /// <summary>The label with the highest smoothed score after the last Update.</summary>
        public int Best { get; private set; }

        /// <summary>A label's smoothed score (0..1 for a softmax output).</summary>
        public float Smoothed(int label) => _sums[label] * _scale / _window;

        /// <summary>Adds one inference's scores (Labels int8 values); returns the label that fires now, or -1.</summary>
        public int Update(sbyte[] scores, long nowMs)
        {
            int row = _next * _labels;
            int best = 0;
            for (int i = 0; i < _labels; i++)
            {
                int value = scores[i] - _zeroPoint;
                _sums[i] += value - _history[row + i];
                _history[row + i] = value;
                if (_sums[i] > _sums[best])
                {
                    best = i;
                }
            }

            _next = _next + 1 == _window ? 0 : _next + 1;
            Best = best;
            float confidence = Smoothed(best);
            if (_ignored[best] || confidence < _threshold)
            {
                return -1;
            }

            if (_anyEvent && nowMs - _lastEventMs < _refractoryMs)
            {
                return -1;
            }

            _anyEvent = true;
            _lastEventMs = nowMs;
            Confidence = confidence;
            return best;
        }

        /// <summary>Forgets every score (after a gap in the audio); the refractory period carries on.</summary>
        public void Reset()
        {
            Array.Clear(_history, 0, _history.Length);
            Array.Clear(_sums, 0, _sums.Length);
            _next = 0;
        }
    }
}

namespace TinyMlDevice.Core
{
    /// <summary>A keyword heard: which label, how sure (the smoothed score), when.</summary>
    public sealed class KeywordEvent
    {
        public KeywordEvent(int labelIndex, string label, float confidence, uint timestampMs)
        {
            LabelIndex = labelIndex;
            Label = label;
            Confidence = confidence;
            TimestampMs = timestampMs;
        }

        /// <summary>Index into the configured labels (the model's output order).</summary>
        public int LabelIndex { get; }

        /// <summary>The label's name; null after decoding (the payload carries the index only).</summary>
        public string Label { get; }

        /// <summary>Smoothed score, 0..1.</summary>
        public float Confidence { get; }

        /// <summary>Device uptime when the event fired (IClock, wraps after 49.7 days).</summary>
        public uint TimestampMs { get; }

        /// <summary>Per-channel counter set when published (wraps at 65536), so a client can see lost notifications.</summary>
        public ushort Sequence { get; set; }
    }
}

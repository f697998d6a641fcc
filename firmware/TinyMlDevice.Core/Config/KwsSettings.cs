namespace TinyMlDevice.Core
{
    /// <summary>[kws]: the keyword model, its labels and how its scores become keyword events.</summary>
    public sealed class KwsSettings
    {
        /// <summary>Milliseconds between two audio frontend frames.</summary>
        public const int FrameStrideMs = 20;

        public bool Enabled { get; internal set; }

        /// <summary>Model file name as IModelSource knows it.</summary>
        public string Model { get; internal set; }

        /// <summary>One name per model output, in output order.</summary>
        public string[] Labels { get; internal set; }

        /// <summary>Labels that never raise an event (e.g. _unknown_, _silence_).</summary>
        public string[] IgnoreLabels { get; internal set; }

        /// <summary>Frames between two inferences.</summary>
        public int StrideFrames { get; internal set; }

        public int AverageWindowMs { get; internal set; }

        /// <summary>Smoothed score (0..1) a label must reach to raise an event.</summary>
        public float Threshold { get; internal set; }

        /// <summary>After an event, no other event for this long.</summary>
        public int RefractoryMs { get; internal set; }

        /// <summary>How many consecutive inferences the smoother averages: AverageWindowMs of them, at least 1.</summary>
        public int AverageInferences
        {
            get
            {
                int count = AverageWindowMs / (StrideFrames * FrameStrideMs);
                return count < 1 ? 1 : count;
            }
        }

        /// <summary>True when the label at index is one of IgnoreLabels.</summary>
        public bool IsIgnored(int index)
        {
            for (int i = 0; i < IgnoreLabels.Length; i++)
            {
                if (IgnoreLabels[i] == Labels[index])
                {
                    return true;
                }
            }

            return false;
        }
    }
}

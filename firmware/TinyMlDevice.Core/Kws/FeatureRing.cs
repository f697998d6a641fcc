using System;

namespace TinyMlDevice.Core
{
    /// <summary>
    /// The last Frames feature frames, oldest first, in one flat array that is the keyword model's input as it stands.
    /// New frames slide the window left with one Array.Copy (a native memmove) rather than wrapping, so the model reads it
    /// without reordering.
    /// </summary>
    public sealed class FeatureRing
    {
        public FeatureRing(int frames, int featuresPerFrame)
        {
            if (frames < 1 || featuresPerFrame < 1)
            {
                throw new ArgumentOutOfRangeException(frames < 1 ? "frames" : "featuresPerFrame", "must be at least 1");
            }

            Frames = frames;
            FeaturesPerFrame = featuresPerFrame;
            Window = new sbyte[frames * featuresPerFrame];
        }

        public int Frames { get; }

        public int FeaturesPerFrame { get; }

        /// <summary>Frames × FeaturesPerFrame values, the oldest frame first.</summary>
        public sbyte[] Window { get; }

        /// <summary>Frames pushed since construction or the last Reset.</summary>
        public long FramesSinceReset { get; private set; }

        /// <summary>True once every row of Window holds a real frame.</summary>
        public bool Full => FramesSinceReset >= Frames;

        /// <summary>Appends count frames that start at offset in source (count × FeaturesPerFrame values).</summary>
        public void Push(sbyte[] source, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }

            if (count > Frames)
            {
                // only the newest Frames of them can stay
                offset += (count - Frames) * FeaturesPerFrame;
                FramesSinceReset += count - Frames;
                count = Frames;
            }

            int kept = (Frames - count) * FeaturesPerFrame;
            Array.Copy(Window, count * FeaturesPerFrame, Window, 0, kept);
            Array.Copy(source, offset, Window, kept, count * FeaturesPerFrame);
            FramesSinceReset += count;
        }

        /// <summary>Forgets every frame (after a gap in the audio).</summary>
        public void Reset()
        {
            Array.Clear(Window, 0, Window.Length);
            FramesSinceReset = 0;
        }
    }
}

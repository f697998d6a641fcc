namespace TinyMlDevice
{
    /// <summary>
    /// Bytes from a peripheral into the int16 samples the core and the engine take. These are the firmware's only
    /// per-sample loops in managed code, kept here on purpose: nanoFramework's mscorlib has no Buffer.BlockCopy, and
    /// Array.Copy cannot change element type, byte order or stride. Cost on the device: 16,000 audio frames/s plus
    /// 3 × the IMU rate, a few IL instructions each. They belong in the native engine once TinyMl offers an unpack call
    /// (an open item for the interop assembly).
    /// </summary>
    public static class SampleUnpacker
    {
        /// <summary>
        /// IMU samples of 3 int16 axes (x, y, z; 6 bytes each) from raw into dst: axisCount axes from firstAxis on
        /// (x = 0), big-endian (MPU6050 FIFO) or little-endian (LSM6DS3 FIFO).
        /// </summary>
        public static void ImuAxes(byte[] raw, int samples, bool bigEndian, int firstAxis, int axisCount, short[] dst,
            int dstOffset)
        {
            int high = bigEndian ? 0 : 1;
            int low = 1 - high;
            int d = dstOffset;
            for (int s = 0; s < samples; s++)
            {
                int b = s * 6 + firstAxis * 2;
                for (int a = 0; a < axisCount; a++)
                {
                    dst[d] = (short)((raw[b + high] << 8) | raw[b + low]);
                    d++;
                    b += 2;
                }
            }
        }

        /// <summary>
        /// One slot (0 or 1) of frameCount stereo frames of two little-endian int16 (I2S RightLeft, Bit16) into dst.
        /// Returns true when the slot carries signal: some sample differs from the first.
        /// </summary>
        public static bool TakeSlot(byte[] frames, int frameCount, int slot, short[] dst, int dstOffset)
        {
            int s = slot * 2;
            int end = dstOffset + frameCount;
            bool varies = false;
            short first = frameCount > 0 ? (short)(frames[s] | (frames[s + 1] << 8)) : (short)0;
            for (int d = dstOffset; d < end; d++)
            {
                short value = (short)(frames[s] | (frames[s + 1] << 8));
                dst[d] = value;
                if (value != first)
                {
                    varies = true;
                }

                s += 4;
            }

            return varies;
        }

        /// <summary>Peak-to-peak range of one slot over frameCount stereo frames: which slot the microphone drives.</summary>
        public static int SlotRange(byte[] frames, int frameCount, int slot)
        {
            int s = slot * 2;
            int min = short.MaxValue;
            int max = short.MinValue;
            for (int i = 0; i < frameCount; i++)
            {
                int value = (short)(frames[s] | (frames[s + 1] << 8));
                if (value < min)
                {
                    min = value;
                }

                if (value > max)
                {
                    max = value;
                }

                s += 4;
            }

            return frameCount > 0 ? max - min : 0;
        }
    }
}

namespace TinyMl
{
    /// <summary>Which of the engine's two implementations of the vibration features runs.</summary>
    public enum VibrationArithmetic
    {
        /// <summary>The engine's default for the target it was built for: float where there is an FPU, fixed point elsewhere.</summary>
        Default = 0,
        /// <summary>Single-precision float (ESP32, Cortex-M4F).</summary>
        Float = 1,
        /// <summary>Integer arithmetic with a Q31 FFT (ESP32-C3 and other cores without an FPU).</summary>
        FixedPoint = 2,
    }
}

using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl.Host.Tests;

// The C# mirrors of vibration.h's and anomaly.h's structs have the engine's sizes: each init and default-config
// function clears exactly sizeof(struct) before anything else, so a block that long, followed by guard bytes, must
// end with its last byte cleared and its guard intact.
public unsafe class VibrationLayoutTests
{
    private const int Guard = 64;
    private const byte Fill = 0xCD;

    [Fact]
    public void VibrationStructsHaveTheEnginesSizes()
    {
        byte* config = Filled(sizeof(TmlVibrationConfig)), state = Filled(sizeof(TmlVibration));
        try
        {
            Assert.Equal(TinyMlStatus.Ok, tml_vibration_default_config((TmlVibrationConfig*)config, 1024, 3, 1000f, 16f, 8));
            AssertClearedExactly(config, sizeof(TmlVibrationConfig), lastCleared: false);
            Assert.Equal(1f, ((TmlVibrationConfig*)config)->FeatureScale[VibrationLimits.MaxFeatures - 1]);
            Assert.Equal(1f, ((TmlVibrationConfig*)config)->InputScale);

            Assert.Equal(TinyMlStatus.Argument, tml_vibration_init((TmlVibration*)state, null)); // clears, then fails
            AssertClearedExactly(state, sizeof(TmlVibration), lastCleared: true);
            Assert.Equal((nint)((TmlVibration*)state)->Error, (nint)tml_vibration_error((TmlVibration*)state));

            Assert.Equal(TinyMlStatus.Ok, tml_vibration_init((TmlVibration*)state, (TmlVibrationConfig*)config));
            Assert.Equal(36u, ((TmlVibration*)state)->FeatureCount);
            Assert.Equal(10u, ((TmlVibration*)state)->Log2Window);
        }
        finally
        {
            NativeBlock.Free(ref config);
            NativeBlock.Free(ref state);
        }
    }

    [Fact]
    public void AnomalyStructsHaveTheEnginesSizes()
    {
        byte* config = Filled(sizeof(TmlAnomalyConfig)), state = Filled(sizeof(TmlAnomaly));
        try
        {
            Assert.Equal(TinyMlStatus.Ok, tml_anomaly_default_config((TmlAnomalyConfig*)config, 5, 100));
            AssertClearedExactly(config, sizeof(TmlAnomalyConfig), lastCleared: false);
            Assert.Equal(1e-4f, ((TmlAnomalyConfig*)config)->VarianceFloorRelative); // the last field

            Assert.Equal(TinyMlStatus.Argument, tml_anomaly_init((TmlAnomaly*)state, null));
            AssertClearedExactly(state, sizeof(TmlAnomaly), lastCleared: true);
            Assert.Equal((nint)((TmlAnomaly*)state)->Error, (nint)tml_anomaly_error((TmlAnomaly*)state));
            Assert.Equal(16, sizeof(TmlAnomalyResult));
        }
        finally
        {
            NativeBlock.Free(ref config);
            NativeBlock.Free(ref state);
        }
    }

    private static byte* Filled(int size)
    {
        byte* block = NativeBlock.Allocate((nuint)(size + Guard));
        new Span<byte>(block, size + Guard).Fill(Fill);
        return block;
    }

    // The state's last byte belongs to its error text, shorter than the field: cleared. A config's last field is set.
    private static void AssertClearedExactly(byte* block, int size, bool lastCleared)
    {
        if (lastCleared)
        {
            Assert.Equal(0, block[size - 1]);
        }
        else
        {
            Assert.NotEqual(Fill, block[size - 1]);
        }

        for (int i = size; i < size + Guard; i++)
        {
            Assert.True(block[i] == Fill, $"the engine wrote byte {i} of a {size}-byte struct");
        }
    }
}

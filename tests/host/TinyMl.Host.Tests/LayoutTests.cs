using TinyMl.Native;
using static TinyMl.Native.EngineMethods;

namespace TinyMl.Host.Tests;

// The C# mirrors of tinyml.h's structs have the engine's sizes: the engine clears exactly sizeof(struct)
// before it writes one, so a block one size long, followed by guard bytes, must end cleared with its guard intact.
public unsafe class LayoutTests
{
    private const int Guard = 64;
    private const byte Fill = 0xCD;

    [Fact]
    public void ModelStructHasTheEnginesSize()
    {
        byte* block = Filled(sizeof(TmlModel));
        try
        {
            tml_model_load((TmlModel*)block, null, 0); // fails, after clearing the struct
            AssertClearedExactly(block, sizeof(TmlModel));
            Assert.Equal((nint)((TmlModel*)block)->Error, (nint)tml_model_error((TmlModel*)block));
        }
        finally
        {
            NativeBlock.Free(ref block);
        }
    }

    [Fact]
    public void PlanStructHasTheEnginesSize()
    {
        byte* block = Filled(sizeof(TmlPlan));
        try
        {
            tml_plan_make((TmlPlan*)block, null, null, 0);
            AssertClearedExactly(block, sizeof(TmlPlan));
            Assert.Equal((nint)((TmlPlan*)block)->Error, (nint)tml_plan_error((TmlPlan*)block));
        }
        finally
        {
            NativeBlock.Free(ref block);
        }
    }

    [Fact]
    public void InterpreterStructHasTheEnginesSize()
    {
        byte* block = Filled(sizeof(TmlInterpreter));
        try
        {
            tml_interpreter_init((TmlInterpreter*)block, null, null, 0);
            AssertClearedExactly(block, sizeof(TmlInterpreter));
            Assert.Equal((nint)((TmlInterpreter*)block)->Error, (nint)tml_interpreter_error((TmlInterpreter*)block));
        }
        finally
        {
            NativeBlock.Free(ref block);
        }
    }

    [Fact]
    public void TensorInfoAndPlacementStructsHaveTheEnginesSizes()
    {
        byte[] file = Conformance.ModelBytes("hello_world_int8");
        byte* bytes = NativeBlock.Allocate((nuint)file.Length);
        TmlModel* model = NativeBlock.Allocate<TmlModel>();
        TmlPlan* plan = NativeBlock.Allocate<TmlPlan>();
        byte* workspace = null, info = null, placement = null;
        try
        {
            file.CopyTo(new Span<byte>(bytes, file.Length));
            Assert.Equal(TinyMlStatus.Ok, tml_model_load(model, bytes, (nuint)file.Length));
            nuint workspaceBytes = tml_plan_workspace_bytes(model);
            workspace = NativeBlock.Allocate(workspaceBytes);
            Assert.Equal(TinyMlStatus.Ok, tml_plan_make(plan, model, workspace, workspaceBytes));

            info = Filled(sizeof(TmlTensorInfo));
            Assert.Equal(TinyMlStatus.Ok, tml_model_tensor(model, 0, (TmlTensorInfo*)info));
            AssertGuardIntact(info, sizeof(TmlTensorInfo));
            Assert.Equal(0, (nint)((TmlTensorInfo*)info)->Data); // the last field, cleared: NULL before init

            placement = Filled(sizeof(TmlTensorPlacement));
            Assert.Equal(TinyMlStatus.Ok, tml_plan_tensor(plan, 0, (TmlTensorPlacement*)placement));
            AssertGuardIntact(placement, sizeof(TmlTensorPlacement));
            Assert.Equal(-1, ((TmlTensorPlacement*)placement)->SharesWith); // the last field
        }
        finally
        {
            NativeBlock.Free(ref placement);
            NativeBlock.Free(ref info);
            NativeBlock.Free(ref workspace);
            NativeBlock.Free(ref plan);
            NativeBlock.Free(ref model);
            NativeBlock.Free(ref bytes);
        }
    }

    private static byte* Filled(int size)
    {
        byte* block = NativeBlock.Allocate((nuint)(size + Guard));
        new Span<byte>(block, size + Guard).Fill(Fill);
        return block;
    }

    // The struct's last byte belongs to the engine's error text, which is shorter than the field: cleared.
    private static void AssertClearedExactly(byte* block, int size)
    {
        Assert.Equal(0, block[size - 1]);
        AssertGuardIntact(block, size);
    }

    private static void AssertGuardIntact(byte* block, int size)
    {
        for (int i = size; i < size + Guard; i++)
        {
            Assert.True(block[i] == Fill, $"the engine wrote byte {i} of a {size}-byte struct");
        }
    }
}

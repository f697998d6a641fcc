using System.Runtime.InteropServices;

namespace TinyMl.Native;

// The public C API, one import per entry point the binding uses, under its C name.
internal static unsafe partial class EngineMethods
{
    private const string Library = EngineLibrary.Name;

    static EngineMethods() => EngineLibrary.RegisterResolver();

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_model_load(TmlModel* model, void* data, nuint size);

    [LibraryImport(Library)]
    internal static partial byte* tml_model_error(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial int tml_model_input_count(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial int tml_model_output_count(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial int tml_model_tensor_count(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial int tml_model_operator_count(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial byte* tml_model_operator_name(TmlModel* model, int opIndex);

    [LibraryImport(Library)]
    internal static partial int tml_model_operator_io(TmlModel* model, int opIndex, int outputs, int* tensors, int capacity);

    [LibraryImport(Library)]
    internal static partial ulong tml_model_macs(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial ulong tml_model_operator_macs(TmlModel* model, int opIndex);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_model_tensor(TmlModel* model, int index, TmlTensorInfo* info);

    [LibraryImport(Library)]
    internal static partial int tml_model_input_tensor(TmlModel* model, int input);

    [LibraryImport(Library)]
    internal static partial int tml_model_output_tensor(TmlModel* model, int output);

    [LibraryImport(Library)]
    internal static partial nuint tml_plan_workspace_bytes(TmlModel* model);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_plan_make(TmlPlan* plan, TmlModel* model, void* workspace, nuint workspaceBytes);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_plan_tensor(TmlPlan* plan, int tensor, TmlTensorPlacement* placement);

    [LibraryImport(Library)]
    internal static partial byte* tml_plan_error(TmlPlan* plan);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_interpreter_init(TmlInterpreter* interpreter, TmlPlan* plan, void* arena, nuint arenaBytes);

    [LibraryImport(Library)]
    internal static partial byte* tml_interpreter_error(TmlInterpreter* interpreter);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_interpreter_input(TmlInterpreter* interpreter, int input, TmlTensorInfo* info);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_interpreter_output(TmlInterpreter* interpreter, int output, TmlTensorInfo* info);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_interpreter_tensor(TmlInterpreter* interpreter, int index, TmlTensorInfo* info);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_invoke(TmlInterpreter* interpreter);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_invoke_op(TmlInterpreter* interpreter, int* done);

    [LibraryImport(Library)]
    internal static partial byte* tml_status_name(TinyMlStatus status);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_audio_init(TmlAudioFrontend* frontend);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_audio_reset(TmlAudioFrontend* frontend);

    [LibraryImport(Library)]
    internal static partial TinyMlStatus tml_audio_push(TmlAudioFrontend* frontend, short* samples, uint sampleCount,
        sbyte* frames, uint frameCapacity, uint* samplesConsumed, uint* framesWritten);

    [LibraryImport(Library)]
    internal static partial byte* tml_audio_error(TmlAudioFrontend* frontend);

    /// <summary>A NUL-terminated UTF-8 string owned by the engine, copied; "" for NULL.</summary>
    internal static string Text(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? "";

    /// <summary>The engine's reason, or the status's name when the engine left none.</summary>
    internal static TinyMlException Failure(TinyMlStatus status, byte* reason)
    {
        string text = Text(reason);
        return new TinyMlException(status, text.Length > 0 ? text : Text(tml_status_name(status)));
    }
}

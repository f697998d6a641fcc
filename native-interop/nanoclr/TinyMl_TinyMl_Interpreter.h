//-----------------------------------------------------------------------------
//
//                   ** WARNING! ** 
//    This file was generated automatically by a tool.
//    Re-running the tool will overwrite this file.
//    You should copy this file to a custom location
//    before adding any customization in the copy to
//    prevent loss of your changes when the tool is
//    re-run.
//
//-----------------------------------------------------------------------------

#ifndef TINYML_TINYML_TINYML_INTERPRETER_H
#define TINYML_TINYML_TINYML_INTERPRETER_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct Interpreter
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeCreate( signed int param0, CLR_RT_TypedArray_INT32 param1, HRESULT &hr );

            static void NativeRelease( signed int param0, HRESULT &hr );

            static signed int NativeWriteInput( signed int param0, signed int param1, CLR_RT_TypedArray_INT8 param2, HRESULT &hr );

            static signed int NativeWriteInputBytes( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, HRESULT &hr );

            static signed int NativeWriteInputFloats( signed int param0, signed int param1, CLR_RT_TypedArray_float param2, HRESULT &hr );

            static signed int NativeStep( signed int param0, CLR_RT_TypedArray_INT32 param1, HRESULT &hr );

            static signed int NativeReadOutput( signed int param0, signed int param1, CLR_RT_TypedArray_INT8 param2, HRESULT &hr );

            static signed int NativeReadOutputBytes( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, HRESULT &hr );

            static signed int NativeReadOutputFloats( signed int param0, signed int param1, CLR_RT_TypedArray_float param2, HRESULT &hr );

            static signed int NativeTensorInfo( signed int param0, signed int param1, CLR_RT_TypedArray_INT32 param2, HRESULT &hr );

            static signed int NativeReadTensor( signed int param0, signed int param1, CLR_RT_TypedArray_UINT8 param2, HRESULT &hr );

            static const char* NativeErrorText( signed int param0, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_INTERPRETER_H

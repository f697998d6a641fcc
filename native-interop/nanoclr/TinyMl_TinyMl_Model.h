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

#ifndef TINYML_TINYML_TINYML_MODEL_H
#define TINYML_TINYML_TINYML_MODEL_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct Model
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeLoad( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_INT32 param1, HRESULT &hr );

            static void NativeRelease( signed int param0, HRESULT &hr );

            static void NativeIoTensors( signed int param0, CLR_RT_TypedArray_INT32 param1, HRESULT &hr );

            static void NativeOperatorMacs( signed int param0, signed int param1, CLR_RT_TypedArray_INT32 param2, HRESULT &hr );

            static const char* NativeOperatorName( signed int param0, signed int param1, HRESULT &hr );

            static signed int NativeOperatorTensors( signed int param0, signed int param1, signed int param2, CLR_RT_TypedArray_INT32 param3, HRESULT &hr );

            static signed int NativeTensor( signed int param0, signed int param1, CLR_RT_TypedArray_INT32 param2, CLR_RT_TypedArray_float param3, HRESULT &hr );

            static const char* NativeTensorName( signed int param0, signed int param1, HRESULT &hr );

            static signed int NativePlacement( signed int param0, signed int param1, CLR_RT_TypedArray_INT32 param2, HRESULT &hr );

            static const char* NativeErrorText( signed int param0, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_MODEL_H

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

#ifndef TINYML_TINYML_TINYML_VIBRATIONFEATURES_H
#define TINYML_TINYML_TINYML_VIBRATIONFEATURES_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct VibrationFeatures
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeCreate( signed int param0, signed int param1, float param2, float param3, signed int param4, CLR_RT_TypedArray_float param5, CLR_RT_TypedArray_INT32 param6, HRESULT &hr );

            static void NativeRelease( signed int param0, HRESULT &hr );

            static void NativeBandEdges( signed int param0, CLR_RT_TypedArray_float param1, HRESULT &hr );

            static signed int NativeSetNormalization( signed int param0, CLR_RT_TypedArray_float param1, CLR_RT_TypedArray_float param2, float param3, signed int param4, HRESULT &hr );

            static signed int NativeCompute( signed int param0, signed int param1, CLR_RT_TypedArray_INT16 param2, CLR_RT_TypedArray_float param3, CLR_RT_TypedArray_INT8 param4, HRESULT &hr );

            static const char* NativeErrorText( signed int param0, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_VIBRATIONFEATURES_H

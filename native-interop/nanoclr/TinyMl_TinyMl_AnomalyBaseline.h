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

#ifndef TINYML_TINYML_TINYML_ANOMALYBASELINE_H
#define TINYML_TINYML_TINYML_ANOMALYBASELINE_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct AnomalyBaseline
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeCreate( signed int param0, signed int param1, signed int param2, float param3, float param4, signed int param5, CLR_RT_TypedArray_INT32 param6, HRESULT &hr );

            static void NativeRelease( signed int param0, HRESULT &hr );

            static signed int NativeFeed( signed int param0, CLR_RT_TypedArray_float param1, CLR_RT_TypedArray_float param2, CLR_RT_TypedArray_INT32 param3, HRESULT &hr );

            static signed int NativeScore( signed int param0, CLR_RT_TypedArray_float param1, CLR_RT_TypedArray_float param2, HRESULT &hr );

            static signed int NativeRecalibrate( signed int param0, HRESULT &hr );

            static void NativeState( signed int param0, CLR_RT_TypedArray_INT32 param1, CLR_RT_TypedArray_float param2, HRESULT &hr );

            static signed int NativeStatistics( signed int param0, CLR_RT_TypedArray_float param1, CLR_RT_TypedArray_float param2, HRESULT &hr );

            static signed int NativeSerializedBytes( signed int param0, HRESULT &hr );

            static signed int NativeSave( signed int param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr );

            static signed int NativeRestore( signed int param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr );

            static const char* NativeErrorText( signed int param0, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_ANOMALYBASELINE_H

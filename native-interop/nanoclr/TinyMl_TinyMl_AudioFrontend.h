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

#ifndef TINYML_TINYML_TINYML_AUDIOFRONTEND_H
#define TINYML_TINYML_TINYML_AUDIOFRONTEND_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct AudioFrontend
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeCreate( CLR_RT_TypedArray_INT32 param0, HRESULT &hr );

            static void NativeRelease( signed int param0, HRESULT &hr );

            static signed int NativeReset( signed int param0, HRESULT &hr );

            static signed int NativePush( signed int param0, CLR_RT_TypedArray_INT16 param1, signed int param2, signed int param3, CLR_RT_TypedArray_INT8 param4, CLR_RT_TypedArray_INT32 param5, HRESULT &hr );

            static void NativeState( signed int param0, CLR_RT_TypedArray_INT32 param1, HRESULT &hr );

            static const char* NativeErrorText( signed int param0, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_AUDIOFRONTEND_H

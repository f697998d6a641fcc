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

#ifndef TINYML_TINYML_TINYML_SHA256_H
#define TINYML_TINYML_TINYML_SHA256_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct Sha256
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static void NativeInit( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr );

            static signed int NativeUpdate( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );

            static signed int NativeFinal( CLR_RT_TypedArray_UINT8 param0, CLR_RT_TypedArray_UINT8 param1, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_SHA256_H

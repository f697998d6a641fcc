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

#ifndef TINYML_TINYML_TINYML_CRC32_H
#define TINYML_TINYML_TINYML_CRC32_H

namespace TinyMl
{
    namespace TinyMl
    {
        struct Crc32
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeUpdate( signed int param0, CLR_RT_TypedArray_UINT8 param1, signed int param2, signed int param3, HRESULT &hr );

        };
    }
}

#endif // TINYML_TINYML_TINYML_CRC32_H

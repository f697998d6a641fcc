// Compile-only stand-in (see README.md): the HRESULT codes the TinyMl glue uses, with nf-interpreter 1.x's values.
#ifndef NF_ERRORS_EXCEPTIONS_H
#define NF_ERRORS_EXCEPTIONS_H

typedef int HRESULT;

#define SUCCEEDED(Status) ((HRESULT)(Status) >= 0)
#define FAILED(Status) ((HRESULT)(Status) < 0)
#define S_OK ((HRESULT)0x00000000L)
#define MAKE_HRESULT(sev, fac, code) ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | ((unsigned long)(code))))

#define CLR_E_NULL_REFERENCE MAKE_HRESULT(1, 0x2100, 0x0000)
#define CLR_E_WRONG_TYPE MAKE_HRESULT(1, 0x2200, 0x0000)
#define CLR_E_INDEX_OUT_OF_RANGE MAKE_HRESULT(1, 0x2900, 0x0000)
#define CLR_E_INVALID_OPERATION MAKE_HRESULT(1, 0x5600, 0x0000)
#define CLR_E_OUT_OF_MEMORY MAKE_HRESULT(1, 0x7A00, 0x0000)
#define CLR_E_INVALID_PARAMETER MAKE_HRESULT(1, 0x7D00, 0x0000)

#endif

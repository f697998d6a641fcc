// Compile-only stand-in (see README.md) for nf-interpreter 1.x src/CLR/Include/nanoCLR_Interop.h: the macros, types and
// marshalling functions generated interop stubs use.
#ifndef NANOCLR_INTEROP_H
#define NANOCLR_INTEROP_H

#include <stddef.h>
#include <stdint.h>

#include "nf_errors_exceptions.h"

#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_RETURN() return hr
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_CHECK_HRESULT(expr)                                                                                    \
  {                                                                                                                    \
    if (FAILED(hr = (expr))) NANOCLR_LEAVE();                                                                          \
  }
#define NANOCLR_SET_AND_LEAVE(expr)                                                                                    \
  {                                                                                                                    \
    hr = (expr);                                                                                                       \
    NANOCLR_LEAVE();                                                                                                   \
  }
#define NANOCLR_CLEANUP()                                                                                              \
  hr = S_OK;                                                                                                           \
  nanoCLR_Cleanup:
#define NANOCLR_CLEANUP_END() NANOCLR_RETURN()
#define NANOCLR_NOCLEANUP()                                                                                            \
  NANOCLR_CLEANUP();                                                                                                   \
  NANOCLR_CLEANUP_END()

struct CLR_RT_StackFrame;

#define CLR_RT_HEAP_BLOCK_SIZE 12
#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RECORD_VERSION {
  uint16_t iMajorVersion;
  uint16_t iMinorVersion;
  uint16_t iBuildNumber;
  uint16_t iRevisionNumber;
};

struct CLR_RT_NativeAssemblyData {
  const char *m_szAssemblyName;
  unsigned int m_checkSum;
  const void *m_pNativeMethods;
  CLR_RECORD_VERSION m_Version;
};

template <class T> class CLR_RT_TypedArray {
 public:
  CLR_RT_TypedArray() : m_pData(NULL), m_ElemCount(0) {}
  T GetValue(unsigned int i) { return m_pData[i]; }
  void SetValue(unsigned int i, T &val) { m_pData[i] = val; }
  T &operator[](unsigned int i) { return m_pData[i]; }
  unsigned int GetSize() { return m_ElemCount; }
  T *GetBuffer() { return m_pData; }

  // Stand-in only: what the real Interop_Marshal_*_ARRAY functions fill in as friends.
  void StandinBind(T *data, unsigned int count) {
    m_pData = data;
    m_ElemCount = count;
  }

 private:
  T *m_pData;
  unsigned int m_ElemCount;
};

typedef CLR_RT_TypedArray<char> CLR_RT_TypedArray_CHAR;
typedef CLR_RT_TypedArray<unsigned char> CLR_RT_TypedArray_UINT8;
typedef CLR_RT_TypedArray<unsigned short int> CLR_RT_TypedArray_UINT16;
typedef CLR_RT_TypedArray<unsigned int> CLR_RT_TypedArray_UINT32;
typedef CLR_RT_TypedArray<signed char> CLR_RT_TypedArray_INT8;
typedef CLR_RT_TypedArray<signed short int> CLR_RT_TypedArray_INT16;
typedef CLR_RT_TypedArray<signed int> CLR_RT_TypedArray_INT32;
typedef CLR_RT_TypedArray<float> CLR_RT_TypedArray_float;
typedef CLR_RT_TypedArray<double> CLR_RT_TypedArray_double;

HRESULT Interop_Marshal_bool(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, bool &param);
HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, signed int &param);
HRESULT Interop_Marshal_float(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, float &param);
HRESULT Interop_Marshal_double(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, double &param);

HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_UINT8 &typedArray);
HRESULT Interop_Marshal_INT8_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_INT8 &typedArray);
HRESULT Interop_Marshal_INT16_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_INT16 &typedArray);
HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_INT32 &typedArray);
HRESULT Interop_Marshal_float_ARRAY(const CLR_RT_StackFrame &stackFrame, unsigned int paramIndex, CLR_RT_TypedArray_float &typedArray);

void SetResult_bool(CLR_RT_StackFrame &stackFrame, bool value);
void SetResult_INT32(CLR_RT_StackFrame &stackFrame, signed int value);
void SetResult_float(CLR_RT_StackFrame &stackFrame, float value);
void SetResult_double(CLR_RT_StackFrame &stackFrame, double value);
void SetResult_LPCSTR(CLR_RT_StackFrame &stackFrame, const char *value);

#endif

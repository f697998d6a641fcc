// Compile-only stand-in (see README.md): the nanoCLR functions the TinyMl glue calls, over the test's stack frame.
#include <stdlib.h>
#include <string.h>

#include <set>

#include "nanoCLR_Interop.h"
#include "nanoCLR_Runtime.h"
#include "nanoHAL.h"
#include "nanoHAL_v2.h"

namespace {

std::set<void *> g_live;
int g_allocations_left = -1; // < 0: no failure injected
ON_SOFT_REBOOT_HANDLER g_reboot_handlers[16];

const CLR_RT_StackFrame::Arg *ArgAt(const CLR_RT_StackFrame &frame, unsigned int index) {
  return index < frame.args.size() ? &frame.args[index] : nullptr;
}

HRESULT Number(const CLR_RT_StackFrame &frame, unsigned int index, double &value) {
  const CLR_RT_StackFrame::Arg *arg = ArgAt(frame, index);
  if (!arg || arg->kind != CLR_RT_StackFrame::Arg::Number) return CLR_E_WRONG_TYPE;
  value = arg->number;
  return S_OK;
}

// As Interop_Marshal_NUMERIC_ARRAY: a null array is a null reference, another element size the wrong type.
template <class T> HRESULT Array(const CLR_RT_StackFrame &frame, unsigned int index, CLR_RT_TypedArray<T> &array) {
  const CLR_RT_StackFrame::Arg *arg = ArgAt(frame, index);
  if (!arg || arg->kind == CLR_RT_StackFrame::Arg::Number) return CLR_E_WRONG_TYPE;
  if (arg->kind == CLR_RT_StackFrame::Arg::Null) return CLR_E_NULL_REFERENCE;
  if (arg->elementSize != sizeof(T)) return CLR_E_WRONG_TYPE;
  array.StandinBind(static_cast<T *>(arg->data), arg->count);
  return S_OK;
}

}  // namespace

HRESULT Interop_Marshal_bool(const CLR_RT_StackFrame &frame, unsigned int index, bool &param) {
  double v = 0;
  HRESULT hr = Number(frame, index, v);
  param = v != 0;
  return hr;
}

HRESULT Interop_Marshal_INT32(const CLR_RT_StackFrame &frame, unsigned int index, signed int &param) {
  double v = 0;
  HRESULT hr = Number(frame, index, v);
  param = (signed int)v;
  return hr;
}

HRESULT Interop_Marshal_float(const CLR_RT_StackFrame &frame, unsigned int index, float &param) {
  double v = 0;
  HRESULT hr = Number(frame, index, v);
  param = (float)v;
  return hr;
}

HRESULT Interop_Marshal_double(const CLR_RT_StackFrame &frame, unsigned int index, double &param) {
  return Number(frame, index, param);
}

HRESULT Interop_Marshal_UINT8_ARRAY(const CLR_RT_StackFrame &f, unsigned int i, CLR_RT_TypedArray_UINT8 &a) { return Array(f, i, a); }
HRESULT Interop_Marshal_INT8_ARRAY(const CLR_RT_StackFrame &f, unsigned int i, CLR_RT_TypedArray_INT8 &a) { return Array(f, i, a); }
HRESULT Interop_Marshal_INT16_ARRAY(const CLR_RT_StackFrame &f, unsigned int i, CLR_RT_TypedArray_INT16 &a) { return Array(f, i, a); }
HRESULT Interop_Marshal_INT32_ARRAY(const CLR_RT_StackFrame &f, unsigned int i, CLR_RT_TypedArray_INT32 &a) { return Array(f, i, a); }
HRESULT Interop_Marshal_float_ARRAY(const CLR_RT_StackFrame &f, unsigned int i, CLR_RT_TypedArray_float &a) { return Array(f, i, a); }

void SetResult_bool(CLR_RT_StackFrame &frame, bool value) {
  frame.resultKind = CLR_RT_StackFrame::kInteger;
  frame.result = value ? 1 : 0;
}

void SetResult_INT32(CLR_RT_StackFrame &frame, signed int value) {
  frame.resultKind = CLR_RT_StackFrame::kInteger;
  frame.result = value;
}

void SetResult_float(CLR_RT_StackFrame &frame, float value) {
  frame.resultKind = CLR_RT_StackFrame::kReal;
  frame.result = value;
}

void SetResult_double(CLR_RT_StackFrame &frame, double value) {
  frame.resultKind = CLR_RT_StackFrame::kReal;
  frame.result = value;
}

void SetResult_LPCSTR(CLR_RT_StackFrame &frame, const char *value) {
  frame.resultKind = value ? CLR_RT_StackFrame::kText : CLR_RT_StackFrame::kNullText;
  frame.text = value ? value : "";
}

void HAL_AddSoftRebootHandler(ON_SOFT_REBOOT_HANDLER handler) {
  for (ON_SOFT_REBOOT_HANDLER &slot : g_reboot_handlers) {
    if (slot == handler) return;
    if (!slot) {
      slot = handler;
      return;
    }
  }
}

extern "C" void *platform_malloc(size_t size) {
  if (g_allocations_left == 0) return nullptr;
  if (g_allocations_left > 0) g_allocations_left--;
  void *p = malloc(size);
  if (p) g_live.insert(p);
  return p;
}

extern "C" void platform_free(void *ptr) {
  if (!ptr) return;
  g_live.erase(ptr);
  free(ptr);
}

void standin_soft_reboot() {
  for (ON_SOFT_REBOOT_HANDLER handler : g_reboot_handlers) {
    if (handler) handler();
  }
}

size_t standin_live_allocations() { return g_live.size(); }

void standin_fail_allocation_after(int count) { g_allocations_left = count; }

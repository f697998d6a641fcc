// Interpreter natives: an arena of the plan's exact size in native memory, inputs copied in, one operator per
// NativeStep call (so no call blocks the managed threads for a whole inference), outputs copied out.
#include "TinyMl.h"
#include "TinyMl_TinyMl_Interpreter.h"

#include <string.h>

#include "tinyml_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

constexpr unsigned int kTensorReport = 3; // type, bytes, 1 when the tensor has data

struct InterpreterObject {
  tml_interpreter it;
  ModelObject *model;
  uint8_t *arena;
  char error[TML_ERROR_TEXT];
};

void DestroyInterpreter(void *object) {
  InterpreterObject *o = static_cast<InterpreterObject *>(object);
  Free(o->arena);
  if (o->model) DropModel(o->model);
  Free(o);
}

InterpreterObject *Lookup(signed int handle, HRESULT &hr) {
  return static_cast<InterpreterObject *>(Find(handle, KIND_INTERPRETER, hr));
}

enum Role { INPUT, OUTPUT };

// The tensor a copy goes to or comes from, checked against the managed array: element type (-1: raw bytes) and size.
uint8_t *Tensor(InterpreterObject *o, Role role, signed int index, int type, size_t bytes, tml_status &st) {
  const char *what = role == INPUT ? "input" : "output";
  tml_tensor_info info;
  st = role == INPUT ? tml_interpreter_input(&o->it, index, &info) : tml_interpreter_output(&o->it, index, &info);
  if (st != TML_OK) {
    Fail(st, o->error, "%s %d does not exist", what, (int)index);
    return nullptr;
  }
  if (type >= 0 && info.type != type) {
    st = Fail(TML_ERROR_ARGUMENT, o->error, "%s %d is %s, not %s", what, (int)index,
              tml_type_name((tml_type)info.type), tml_type_name((tml_type)type));
    return nullptr;
  }
  if (!info.data && info.bytes > 0) {
    st = Fail(TML_ERROR_ARGUMENT, o->error, "%s %d holds no data: no operator reads or writes it", what, (int)index);
    return nullptr;
  }
  if (bytes != info.bytes) {
    st = Fail(TML_ERROR_ARGUMENT, o->error, "%s %d holds %u bytes, the array %u", what, (int)index,
              (unsigned)info.bytes, (unsigned)bytes);
    return nullptr;
  }
  return static_cast<uint8_t *>(info.data);
}

signed int CopyIn(signed int handle, signed int input, int type, const void *data, size_t bytes, HRESULT &hr) {
  InterpreterObject *o = Lookup(handle, hr);
  if (!o) return 0;
  tml_status st = TML_OK;
  uint8_t *target = Tensor(o, INPUT, input, type, bytes, st);
  if (target) memcpy(target, data, bytes);
  return st;
}

signed int CopyOut(signed int handle, signed int output, int type, void *data, size_t bytes, HRESULT &hr) {
  InterpreterObject *o = Lookup(handle, hr);
  if (!o) return 0;
  tml_status st = TML_OK;
  const uint8_t *source = Tensor(o, OUTPUT, output, type, bytes, st);
  if (source) memcpy(data, source, bytes);
  return st;
}

} // namespace

signed int Interpreter::NativeCreate(signed int model, CLR_RT_TypedArray_INT32 handle, HRESULT &hr) {
  ModelObject *m = static_cast<ModelObject *>(Find(model, KIND_MODEL, hr));
  if (!m) return 0;
  if (handle.GetSize() < 1) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  InterpreterObject *o = static_cast<InterpreterObject *>(Allocate(sizeof(InterpreterObject), hr));
  if (!o) return 0;
  o->arena = static_cast<uint8_t *>(Allocate(m->plan.arena_bytes, hr));
  if (!o->arena) {
    DestroyInterpreter(o);
    return 0;
  }
  tml_status st = tml_interpreter_init(&o->it, &m->plan, o->arena, m->plan.arena_bytes);
  if (st != TML_OK) {
    FailWith(st, CreationError(), tml_interpreter_error(&o->it));
    DestroyInterpreter(o);
    return st;
  }
  o->model = m;
  HoldModel(m);
  handle[0] = Add(KIND_INTERPRETER, o, o->error, DestroyInterpreter, hr);
  return TML_OK;
}

void Interpreter::NativeRelease(signed int handle, HRESULT &hr) { Remove(handle, KIND_INTERPRETER, hr); }

signed int Interpreter::NativeWriteInput(signed int handle, signed int input, CLR_RT_TypedArray_INT8 data, HRESULT &hr) {
  return CopyIn(handle, input, TML_INT8, data.GetBuffer(), data.GetSize(), hr);
}

signed int Interpreter::NativeWriteInputBytes(signed int handle, signed int input, CLR_RT_TypedArray_UINT8 data,
                                              HRESULT &hr) {
  return CopyIn(handle, input, -1, data.GetBuffer(), data.GetSize(), hr);
}

signed int Interpreter::NativeWriteInputFloats(signed int handle, signed int input, CLR_RT_TypedArray_float data,
                                               HRESULT &hr) {
  return CopyIn(handle, input, TML_FLOAT32, data.GetBuffer(), data.GetSize() * sizeof(float), hr);
}

signed int Interpreter::NativeStep(signed int handle, CLR_RT_TypedArray_INT32 done, HRESULT &hr) {
  InterpreterObject *o = Lookup(handle, hr);
  if (!o) return 0;
  if (done.GetSize() < 1) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  int finished = 0;
  tml_status st = tml_invoke_op(&o->it, &finished);
  if (st != TML_OK) return FailWith(st, o->error, tml_interpreter_error(&o->it));
  done[0] = finished;
  return TML_OK;
}

signed int Interpreter::NativeReadOutput(signed int handle, signed int output, CLR_RT_TypedArray_INT8 data, HRESULT &hr) {
  return CopyOut(handle, output, TML_INT8, data.GetBuffer(), data.GetSize(), hr);
}

signed int Interpreter::NativeReadOutputBytes(signed int handle, signed int output, CLR_RT_TypedArray_UINT8 data,
                                              HRESULT &hr) {
  return CopyOut(handle, output, -1, data.GetBuffer(), data.GetSize(), hr);
}

signed int Interpreter::NativeReadOutputFloats(signed int handle, signed int output, CLR_RT_TypedArray_float data,
                                               HRESULT &hr) {
  return CopyOut(handle, output, TML_FLOAT32, data.GetBuffer(), data.GetSize() * sizeof(float), hr);
}

signed int Interpreter::NativeTensorInfo(signed int handle, signed int tensor, CLR_RT_TypedArray_INT32 report,
                                         HRESULT &hr) {
  InterpreterObject *o = Lookup(handle, hr);
  if (!o || !InRange(tensor, tml_model_tensor_count(&o->model->model), hr)) return 0;
  if (report.GetSize() < kTensorReport) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_tensor_info info;
  tml_status st = tml_interpreter_tensor(&o->it, tensor, &info);
  if (st != TML_OK) return FailWith(st, o->error, nullptr);
  report[0] = info.type;
  report[1] = (int32_t)info.bytes;
  report[2] = info.data != nullptr;
  return TML_OK;
}

signed int Interpreter::NativeReadTensor(signed int handle, signed int tensor, CLR_RT_TypedArray_UINT8 data, HRESULT &hr) {
  InterpreterObject *o = Lookup(handle, hr);
  if (!o || !InRange(tensor, tml_model_tensor_count(&o->model->model), hr)) return 0;
  tml_tensor_info info;
  tml_status st = tml_interpreter_tensor(&o->it, tensor, &info);
  if (st != TML_OK) return FailWith(st, o->error, nullptr);
  if (!info.data && info.bytes > 0) {
    return Fail(TML_ERROR_ARGUMENT, o->error, "tensor %d holds no data: no operator reads or writes it", (int)tensor);
  }
  if (data.GetSize() != info.bytes) {
    return Fail(TML_ERROR_ARGUMENT, o->error, "tensor %d holds %u bytes, the array %u", (int)tensor,
                (unsigned)info.bytes, (unsigned)data.GetSize());
  }
  memcpy(data.GetBuffer(), info.data, info.bytes);
  return TML_OK;
}

const char *Interpreter::NativeErrorText(signed int handle, HRESULT &hr) {
  return ErrorText(handle, KIND_INTERPRETER, hr);
}

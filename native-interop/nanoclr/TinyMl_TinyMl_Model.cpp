// Model natives: the .tflite bytes are copied into native memory, loaded and planned once; the rest answers queries
// about the loaded model. Indices were checked by the managed side: here a bad one is a broken contract (hr).
#include "TinyMl.h"
#include "TinyMl_TinyMl_Model.h"

#include <string.h>

#include "tinyml_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

// Model.cs reads these back in this order.
constexpr unsigned int kLoadReport = 10;   // handle, inputs, outputs, operators, tensors, arena, persistent, activation, MACs low, high
constexpr unsigned int kTensorReport = 12; // index, type, dims count, 6 dims, bytes, zero point, quantized channels
constexpr unsigned int kPlacementReport = 6;

ModelObject *Lookup(signed int handle, HRESULT &hr) {
  return static_cast<ModelObject *>(Find(handle, KIND_MODEL, hr));
}

bool Fits(unsigned int size, unsigned int needed, HRESULT &hr) {
  if (size >= needed) return true;
  hr = CLR_E_INVALID_PARAMETER;
  return false;
}

} // namespace

signed int Model::NativeLoad(CLR_RT_TypedArray_UINT8 tflite, CLR_RT_TypedArray_INT32 report, HRESULT &hr) {
  if (!Fits(report.GetSize(), kLoadReport, hr)) return 0;
  ModelObject *m = static_cast<ModelObject *>(Allocate(sizeof(ModelObject), hr));
  if (!m) return 0;
  m->bytes = static_cast<uint8_t *>(Allocate(tflite.GetSize(), hr));
  if (!m->bytes) {
    FreeModel(m);
    return 0;
  }
  memcpy(m->bytes, tflite.GetBuffer(), tflite.GetSize());

  tml_status st = tml_model_load(&m->model, m->bytes, tflite.GetSize());
  if (st != TML_OK) {
    FailWith(st, CreationError(), tml_model_error(&m->model));
    FreeModel(m);
    return st;
  }
  size_t workspace_bytes = tml_plan_workspace_bytes(&m->model);
  m->workspace = Allocate(workspace_bytes, hr);
  if (!m->workspace) {
    FreeModel(m);
    return 0;
  }
  st = tml_plan_make(&m->plan, &m->model, m->workspace, workspace_bytes);
  if (st != TML_OK) {
    FailWith(st, CreationError(), tml_plan_error(&m->plan));
    FreeModel(m);
    return st;
  }

  int32_t handle = Add(KIND_MODEL, m, m->error, ReleaseModel, hr);
  if (!handle) return 0;
  uint64_t macs = tml_model_macs(&m->model);
  int32_t values[kLoadReport] = {handle,
                                 tml_model_input_count(&m->model),
                                 tml_model_output_count(&m->model),
                                 tml_model_operator_count(&m->model),
                                 tml_model_tensor_count(&m->model),
                                 (int32_t)m->plan.arena_bytes,
                                 (int32_t)m->plan.persistent_bytes,
                                 (int32_t)m->plan.activation_bytes,
                                 (int32_t)(uint32_t)macs,
                                 (int32_t)(uint32_t)(macs >> 32)};
  memcpy(report.GetBuffer(), values, sizeof values);
  return TML_OK;
}

void Model::NativeRelease(signed int handle, HRESULT &hr) { Remove(handle, KIND_MODEL, hr); }

void Model::NativeIoTensors(signed int handle, CLR_RT_TypedArray_INT32 tensors, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m) return;
  int32_t inputs = tml_model_input_count(&m->model);
  int32_t outputs = tml_model_output_count(&m->model);
  if (!Fits(tensors.GetSize(), (unsigned int)(inputs + outputs), hr)) return;
  for (int32_t i = 0; i < inputs; i++) tensors[i] = tml_model_input_tensor(&m->model, i);
  for (int32_t o = 0; o < outputs; o++) tensors[inputs + o] = tml_model_output_tensor(&m->model, o);
}

void Model::NativeOperatorMacs(signed int handle, signed int op, CLR_RT_TypedArray_INT32 macs, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(op, tml_model_operator_count(&m->model), hr) || !Fits(macs.GetSize(), 2, hr)) return;
  uint64_t value = tml_model_operator_macs(&m->model, op);
  macs[0] = (int32_t)(uint32_t)value;
  macs[1] = (int32_t)(uint32_t)(value >> 32);
}

const char *Model::NativeOperatorName(signed int handle, signed int op, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(op, tml_model_operator_count(&m->model), hr)) return nullptr;
  return tml_model_operator_name(&m->model, op);
}

signed int Model::NativeOperatorTensors(signed int handle, signed int op, signed int outputs,
                                        CLR_RT_TypedArray_INT32 tensors, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(op, tml_model_operator_count(&m->model), hr)) return 0;
  return tml_model_operator_io(&m->model, op, outputs, tensors.GetBuffer(), (int32_t)tensors.GetSize());
}

signed int Model::NativeTensor(signed int handle, signed int tensor, CLR_RT_TypedArray_INT32 report,
                               CLR_RT_TypedArray_float scale, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(tensor, tml_model_tensor_count(&m->model), hr) || !Fits(report.GetSize(), kTensorReport, hr) ||
      !Fits(scale.GetSize(), 1, hr)) {
    return 0;
  }
  tml_tensor_info info;
  tml_status st = tml_model_tensor(&m->model, tensor, &info);
  if (st != TML_OK) return FailWith(st, m->error, nullptr);
  report[0] = info.index;
  report[1] = info.type;
  report[2] = info.dims_count;
  for (int d = 0; d < TML_MAX_DIMS; d++) report[3 + d] = d < info.dims_count ? info.dims[d] : 0;
  report[9] = (int32_t)info.bytes;
  report[10] = info.zero_point;
  report[11] = info.quantized_channels;
  scale[0] = info.scale;
  return TML_OK;
}

const char *Model::NativeTensorName(signed int handle, signed int tensor, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(tensor, tml_model_tensor_count(&m->model), hr)) return nullptr;
  tml_tensor_info info;
  return tml_model_tensor(&m->model, tensor, &info) == TML_OK ? info.name : "";
}

signed int Model::NativePlacement(signed int handle, signed int tensor, CLR_RT_TypedArray_INT32 placement, HRESULT &hr) {
  ModelObject *m = Lookup(handle, hr);
  if (!m || !InRange(tensor, tml_model_tensor_count(&m->model), hr) || !Fits(placement.GetSize(), kPlacementReport, hr)) {
    return 0;
  }
  tml_tensor_placement p;
  tml_status st = tml_plan_tensor(&m->plan, tensor, &p);
  if (st != TML_OK) return FailWith(st, m->error, nullptr);
  int32_t values[kPlacementReport] = {p.storage, (int32_t)p.offset, (int32_t)p.bytes, p.first_op, p.last_op, p.shares_with};
  memcpy(placement.GetBuffer(), values, sizeof values);
  return TML_OK;
}

const char *Model::NativeErrorText(signed int handle, HRESULT &hr) { return ErrorText(handle, KIND_MODEL, hr); }

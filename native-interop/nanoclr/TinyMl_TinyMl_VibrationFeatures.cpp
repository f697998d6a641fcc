// VibrationFeatures natives: the validated config with its band-to-bin map and the compute workspace (4 bytes per
// sample of one axis) live in native memory; each window is read from the managed arrays during the call only.
#include "TinyMl.h"
#include "TinyMl_TinyMl_VibrationFeatures.h"

#include <string.h>

#include "tinyml/vibration.h"
#include "tinyml_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

struct VibrationObject {
  tml_vibration vibration;
  void *workspace;
  size_t workspace_bytes;
  char error[TML_ERROR_TEXT];
};

void DestroyVibration(void *object) {
  VibrationObject *o = static_cast<VibrationObject *>(object);
  Free(o->workspace);
  Free(o);
}

VibrationObject *Lookup(signed int handle, HRESULT &hr) {
  return static_cast<VibrationObject *>(Find(handle, KIND_VIBRATION, hr));
}

// Validates config into scratch memory first, so a refused config leaves the object as it was. Engine structs go on
// the native heap, not the stack: the nanoCLR task's stack is small.
tml_status Configure(VibrationObject *o, const tml_vibration_config *config, char *error, HRESULT &hr) {
  tml_vibration *candidate = static_cast<tml_vibration *>(Allocate(sizeof(tml_vibration), hr));
  if (!candidate) return TML_OK;
  tml_status st = tml_vibration_init(candidate, config);
  if (st != TML_OK) {
    FailWith(st, error, tml_vibration_error(candidate));
    Free(candidate);
    return st;
  }
  size_t bytes = tml_vibration_workspace_bytes(candidate);
  void *workspace = Allocate(bytes, hr);
  if (!workspace) {
    Free(candidate);
    return TML_OK;
  }
  Free(o->workspace);
  o->workspace = workspace;
  o->workspace_bytes = bytes;
  o->vibration = *candidate;
  Free(candidate);
  return TML_OK;
}

} // namespace

signed int VibrationFeatures::NativeCreate(signed int window, signed int axes, float sample_rate_hz, float full_scale_g,
                                           signed int band_count, CLR_RT_TypedArray_float band_edges_hz,
                                           CLR_RT_TypedArray_INT32 report, HRESULT &hr) {
  if (window < 0 || axes < 0 || band_count < 0 || band_count > TML_VIB_MAX_BANDS || report.GetSize() < 2 ||
      (band_edges_hz.GetSize() != 0 && band_edges_hz.GetSize() != (unsigned int)band_count + 1)) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  VibrationObject *o = static_cast<VibrationObject *>(Allocate(sizeof(VibrationObject), hr));
  tml_vibration_config *config = static_cast<tml_vibration_config *>(Allocate(sizeof(tml_vibration_config), hr));
  tml_status st = TML_OK;
  if (o && config) {
    st = tml_vibration_default_config(config, (uint32_t)window, (uint32_t)axes, sample_rate_hz, full_scale_g,
                                      (uint32_t)band_count);
    if (st != TML_OK) {
      FailWith(st, CreationError(), nullptr);
    } else {
      if (band_edges_hz.GetSize() > 0) {
        memcpy(config->band_edges_hz, band_edges_hz.GetBuffer(), band_edges_hz.GetSize() * sizeof(float));
      }
      st = Configure(o, config, CreationError(), hr);
    }
  }
  Free(config);
  if (!o || st != TML_OK || !o->workspace) {
    if (o) DestroyVibration(o);
    return st;
  }
  report[0] = Add(KIND_VIBRATION, o, o->error, DestroyVibration, hr);
  report[1] = (int32_t)tml_vibration_feature_count(&o->vibration);
  return TML_OK;
}

void VibrationFeatures::NativeRelease(signed int handle, HRESULT &hr) { Remove(handle, KIND_VIBRATION, hr); }

void VibrationFeatures::NativeBandEdges(signed int handle, CLR_RT_TypedArray_float edges, HRESULT &hr) {
  VibrationObject *o = Lookup(handle, hr);
  if (!o) return;
  uint32_t count = o->vibration.config.band_count + 1;
  if (edges.GetSize() < count) {
    hr = CLR_E_INVALID_PARAMETER;
    return;
  }
  memcpy(edges.GetBuffer(), o->vibration.config.band_edges_hz, count * sizeof(float));
}

signed int VibrationFeatures::NativeSetNormalization(signed int handle, CLR_RT_TypedArray_float offsets,
                                                     CLR_RT_TypedArray_float scales, float input_scale,
                                                     signed int input_zero_point, HRESULT &hr) {
  VibrationObject *o = Lookup(handle, hr);
  if (!o) return 0;
  uint32_t count = tml_vibration_feature_count(&o->vibration);
  if (offsets.GetSize() != count || scales.GetSize() != count) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_vibration_config *config = static_cast<tml_vibration_config *>(Allocate(sizeof(tml_vibration_config), hr));
  if (!config) return 0;
  *config = o->vibration.config;
  if (count > 0) {
    memcpy(config->feature_offset, offsets.GetBuffer(), count * sizeof(float));
    memcpy(config->feature_scale, scales.GetBuffer(), count * sizeof(float));
  }
  config->input_scale = input_scale;
  config->input_zero_point = input_zero_point;
  tml_status st = Configure(o, config, o->error, hr);
  Free(config);
  return st;
}

signed int VibrationFeatures::NativeCompute(signed int handle, signed int arithmetic, CLR_RT_TypedArray_INT16 samples,
                                            CLR_RT_TypedArray_float features, CLR_RT_TypedArray_INT8 quantized,
                                            HRESULT &hr) {
  VibrationObject *o = Lookup(handle, hr);
  if (!o) return 0;
  int8_t *q = quantized.GetSize() > 0 ? quantized.GetBuffer() : nullptr;
  if (q && quantized.GetSize() != features.GetSize()) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_status (*compute)(tml_vibration *, const int16_t *, size_t, void *, size_t, float *, int8_t *, size_t) =
      arithmetic == 1 ? tml_vibration_compute_float : arithmetic == 2 ? tml_vibration_compute_fixed : tml_vibration_compute;
  tml_status st = compute(&o->vibration, samples.GetBuffer(), samples.GetSize(), o->workspace, o->workspace_bytes,
                          features.GetBuffer(), q, features.GetSize());
  return st == TML_OK ? st : FailWith(st, o->error, tml_vibration_error(&o->vibration));
}

const char *VibrationFeatures::NativeErrorText(signed int handle, HRESULT &hr) {
  return ErrorText(handle, KIND_VIBRATION, hr);
}

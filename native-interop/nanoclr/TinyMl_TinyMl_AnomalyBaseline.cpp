// AnomalyBaseline natives: the whole baseline (statistics, histogram, counters) lives in native memory; features,
// scores and serialized bytes cross through the managed arrays of each call.
#include "TinyMl.h"
#include "TinyMl_TinyMl_AnomalyBaseline.h"

#include "tinyml/anomaly.h"
#include "tinyml_glue.h"

using namespace TinyMl::TinyMl;
using namespace tinyml_glue;

namespace {

constexpr unsigned int kCounts = 6; // feature count, calibration windows, warm-up windows, phase, windows, anomalies
constexpr unsigned int kValues = 3; // quantile, margin, threshold

struct AnomalyObject {
  tml_anomaly anomaly;
  char error[TML_ERROR_TEXT];
};

void DestroyAnomaly(void *object) { Free(object); }

AnomalyObject *Lookup(signed int handle, HRESULT &hr) {
  return static_cast<AnomalyObject *>(Find(handle, KIND_ANOMALY, hr));
}

signed int Checked(AnomalyObject *o, tml_status st) {
  return st == TML_OK ? st : FailWith(st, o->error, tml_anomaly_error(&o->anomaly));
}

} // namespace

signed int AnomalyBaseline::NativeCreate(signed int feature_count, signed int calibration_windows,
                                         signed int warmup_windows, float quantile, float margin, signed int custom,
                                         CLR_RT_TypedArray_INT32 handle, HRESULT &hr) {
  if (feature_count < 0 || calibration_windows < 0 || warmup_windows < 0 || handle.GetSize() < 1) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_anomaly_config config;
  tml_status st = tml_anomaly_default_config(&config, (uint32_t)feature_count, (uint32_t)calibration_windows);
  if (st != TML_OK) return FailWith(st, CreationError(), nullptr);
  if (custom) {
    config.warmup_windows = (uint32_t)warmup_windows;
    config.quantile = quantile;
    config.margin = margin;
  }
  AnomalyObject *o = static_cast<AnomalyObject *>(Allocate(sizeof(AnomalyObject), hr));
  if (!o) return 0;
  st = tml_anomaly_init(&o->anomaly, &config);
  if (st != TML_OK) {
    FailWith(st, CreationError(), tml_anomaly_error(&o->anomaly));
    DestroyAnomaly(o);
    return st;
  }
  handle[0] = Add(KIND_ANOMALY, o, o->error, DestroyAnomaly, hr);
  return TML_OK;
}

void AnomalyBaseline::NativeRelease(signed int handle, HRESULT &hr) { Remove(handle, KIND_ANOMALY, hr); }

signed int AnomalyBaseline::NativeFeed(signed int handle, CLR_RT_TypedArray_float features, CLR_RT_TypedArray_float score,
                                       CLR_RT_TypedArray_INT32 result, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  if (score.GetSize() < 1 || result.GetSize() < 3) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  tml_anomaly_result r;
  tml_status st = tml_anomaly_feed(&o->anomaly, features.GetBuffer(), features.GetSize(), &r);
  if (st != TML_OK) return Checked(o, st);
  score[0] = r.score;
  result[0] = r.scored;
  result[1] = r.anomalous;
  result[2] = r.phase;
  return TML_OK;
}

signed int AnomalyBaseline::NativeScore(signed int handle, CLR_RT_TypedArray_float features, CLR_RT_TypedArray_float score,
                                        HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  if (score.GetSize() < 1) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  return Checked(o, tml_anomaly_score(&o->anomaly, features.GetBuffer(), features.GetSize(), score.GetBuffer()));
}

signed int AnomalyBaseline::NativeRecalibrate(signed int handle, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  tml_anomaly_config config = o->anomaly.config;
  return Checked(o, tml_anomaly_init(&o->anomaly, &config));
}

void AnomalyBaseline::NativeState(signed int handle, CLR_RT_TypedArray_INT32 counts, CLR_RT_TypedArray_float values,
                                  HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return;
  if (counts.GetSize() < kCounts || values.GetSize() < kValues) {
    hr = CLR_E_INVALID_PARAMETER;
    return;
  }
  const tml_anomaly *a = &o->anomaly;
  counts[0] = (int32_t)a->config.feature_count;
  counts[1] = (int32_t)a->config.calibration_windows;
  counts[2] = (int32_t)a->config.warmup_windows;
  counts[3] = tml_anomaly_get_phase(a);
  counts[4] = (int32_t)tml_anomaly_windows(a);
  counts[5] = (int32_t)tml_anomaly_anomalies(a);
  values[0] = a->config.quantile;
  values[1] = a->config.margin;
  values[2] = tml_anomaly_threshold(a);
}

signed int AnomalyBaseline::NativeStatistics(signed int handle, CLR_RT_TypedArray_float means,
                                             CLR_RT_TypedArray_float variances, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  size_t count = o->anomaly.config.feature_count;
  bool want_means = means.GetSize() > 0, want_variances = variances.GetSize() > 0;
  if ((want_means && means.GetSize() != count) || (want_variances && variances.GetSize() != count)) {
    hr = CLR_E_INVALID_PARAMETER;
    return 0;
  }
  return Checked(o, tml_anomaly_statistics(&o->anomaly, want_means ? means.GetBuffer() : nullptr,
                                           want_variances ? variances.GetBuffer() : nullptr, count));
}

signed int AnomalyBaseline::NativeSerializedBytes(signed int handle, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  return o ? (signed int)tml_anomaly_serialized_bytes(&o->anomaly) : 0;
}

signed int AnomalyBaseline::NativeSave(signed int handle, CLR_RT_TypedArray_UINT8 bytes, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  size_t written = 0;
  return Checked(o, tml_anomaly_serialize(&o->anomaly, bytes.GetBuffer(), bytes.GetSize(), &written));
}

signed int AnomalyBaseline::NativeRestore(signed int handle, CLR_RT_TypedArray_UINT8 bytes, HRESULT &hr) {
  AnomalyObject *o = Lookup(handle, hr);
  if (!o) return 0;
  return Checked(o, tml_anomaly_deserialize(&o->anomaly, bytes.GetBuffer(), bytes.GetSize(),
                                            o->anomaly.config.feature_count));
}

const char *AnomalyBaseline::NativeErrorText(signed int handle, HRESULT &hr) {
  return ErrorText(handle, KIND_ANOMALY, hr);
}

/* Vibration features: config validation, band-to-bin mapping, the per-window entry points and int8 quantization. */
#include <math.h>
#include <string.h>

#include "../engine.h"
#include "vibration_internal.h"

#define FAIL(vib, status, ...) (tml_format((vib)->error, TML_ERROR_TEXT, __VA_ARGS__), (status))

tml_status tml_vibration_default_config(tml_vibration_config *config, uint32_t window, uint32_t axes,
                                        float sample_rate_hz, float full_scale_g, uint32_t band_count) {
  if (!config || band_count > TML_VIB_MAX_BANDS) return TML_ERROR_ARGUMENT;
  memset(config, 0, sizeof *config);
  config->window = window;
  config->axes = axes;
  config->sample_rate_hz = sample_rate_hz;
  config->full_scale_g = full_scale_g;
  config->band_count = band_count;
  for (uint32_t b = 0; b <= band_count; b++)
    config->band_edges_hz[b] = b == band_count ? 0.5f * sample_rate_hz : 0.5f * sample_rate_hz * (float)b / (float)band_count;
  for (uint32_t i = 0; i < TML_VIB_MAX_FEATURES; i++) config->feature_scale[i] = 1.0f;
  config->input_scale = 1.0f;
  return TML_OK;
}

static int positive(float v) { return isfinite(v) && v > 0.0f; }

/* Hz for messages (the formatter prints integers). */
static int32_t hz(float v) { return v >= -2.0e9f && v <= 2.0e9f ? (int32_t)lroundf(v) : (v > 0.0f ? INT32_MAX : INT32_MIN); }

static tml_status map_bands(tml_vibration *vib) {
  const tml_vibration_config *c = &vib->config;
  const float nyquist = 0.5f * c->sample_rate_hz;
  const double bins_per_hz = (double)c->window / (double)c->sample_rate_hz;
  for (uint32_t e = 0; e <= c->band_count; e++) {
    const float edge = c->band_edges_hz[e];
    if (!isfinite(edge) || edge < 0.0f) return FAIL(vib, TML_ERROR_ARGUMENT, "band edge %u is not a frequency >= 0 Hz", e);
    if (edge > nyquist)
      return FAIL(vib, TML_ERROR_ARGUMENT, "band edge %u (%d Hz) is beyond Nyquist (%d Hz)", e, hz(edge), hz(nyquist));
    if (e > 0 && !(edge > c->band_edges_hz[e - 1]))
      return FAIL(vib, TML_ERROR_ARGUMENT, "band edges must increase: edge %u (%d Hz) follows %d Hz", e, hz(edge),
                  hz(c->band_edges_hz[e - 1]));
  }
  for (uint32_t b = 0; b < c->band_count; b++) {
    /* bins k with edge[b] <= k·fs/N < edge[b+1]; N is a power of two, so an edge on a bin maps to it exactly */
    uint32_t first = (uint32_t)ceil((double)c->band_edges_hz[b] * bins_per_hz);
    uint32_t end = (uint32_t)ceil((double)c->band_edges_hz[b + 1] * bins_per_hz);
    if (b + 1 == c->band_count && c->band_edges_hz[b + 1] == nyquist) end = c->window / 2 + 1;
    if (end <= first)
      return FAIL(vib, TML_ERROR_ARGUMENT, "band %u (%d to %d Hz) holds no FFT bin: bins are %d Hz apart", b,
                  hz(c->band_edges_hz[b]), hz(c->band_edges_hz[b + 1]), hz(c->sample_rate_hz / (float)c->window));
    vib->band_first_bin[b] = first;
    vib->band_end_bin[b] = end;
  }
  return TML_OK;
}

tml_status tml_vibration_init(tml_vibration *vib, const tml_vibration_config *config) {
  if (!vib) return TML_ERROR_ARGUMENT;
  memset(vib, 0, sizeof *vib);
  if (!config) return FAIL(vib, TML_ERROR_ARGUMENT, "config is NULL");
  vib->config = *config;
  const tml_vibration_config *c = &vib->config;
  if (c->window < TML_VIB_MIN_WINDOW || c->window > TML_VIB_MAX_WINDOW || (c->window & (c->window - 1u)))
    return FAIL(vib, TML_ERROR_ARGUMENT, "window %u must be a power of two from %d to %d", c->window,
                TML_VIB_MIN_WINDOW, TML_VIB_MAX_WINDOW);
  if (c->axes < 1 || c->axes > TML_VIB_MAX_AXES) return FAIL(vib, TML_ERROR_ARGUMENT, "axes %u must be 1, 2 or 3", c->axes);
  if (!positive(c->sample_rate_hz)) return FAIL(vib, TML_ERROR_ARGUMENT, "sample rate must be a positive number of Hz");
  if (!positive(c->full_scale_g)) return FAIL(vib, TML_ERROR_ARGUMENT, "full scale must be a positive number of g");
  if (c->band_count > TML_VIB_MAX_BANDS)
    return FAIL(vib, TML_ERROR_ARGUMENT, "%u bands: at most %d", c->band_count, TML_VIB_MAX_BANDS);
  tml_status status = map_bands(vib);
  if (status != TML_OK) return status;
  const uint32_t features = c->axes * (TML_VIB_TIME_FEATURES + c->band_count);
  for (uint32_t i = 0; i < features; i++) {
    if (!isfinite(c->feature_offset[i])) return FAIL(vib, TML_ERROR_ARGUMENT, "feature %u: offset is not finite", i);
    if (!isfinite(c->feature_scale[i]) || c->feature_scale[i] == 0.0f)
      return FAIL(vib, TML_ERROR_ARGUMENT, "feature %u: scale must be finite and non-zero", i);
  }
  if (!positive(c->input_scale)) return FAIL(vib, TML_ERROR_ARGUMENT, "input scale must be positive");
  if (c->input_zero_point < -128 || c->input_zero_point > 127)
    return FAIL(vib, TML_ERROR_ARGUMENT, "input zero point %d is outside -128..127", c->input_zero_point);
  while ((1u << vib->log2_window) < c->window) vib->log2_window++;
  vib->g_per_count = c->full_scale_g / 32768.0f;
  vib->feature_count = features;
  return TML_OK;
}

const char *tml_vibration_error(const tml_vibration *vib) { return vib ? vib->error : "vibration state is NULL"; }

uint32_t tml_vibration_feature_count(const tml_vibration *vib) { return vib ? vib->feature_count : 0; }

size_t tml_vibration_workspace_bytes(const tml_vibration *vib) {
  return vib && vib->feature_count ? (size_t)vib->config.window * 4u : 0;
}

static int8_t quantize(const tml_vibration_config *c, uint32_t i, float feature) {
  const float q = roundf((feature - c->feature_offset[i]) / c->feature_scale[i] / c->input_scale) + (float)c->input_zero_point;
  if (q >= 127.0f) return 127;
  if (q <= -128.0f) return -128;
  return q == q ? (int8_t)q : (int8_t)c->input_zero_point; /* NaN only from non-finite features: never expected */
}

static tml_status check(tml_vibration *vib, const int16_t *samples, size_t sample_count, const void *workspace,
                        size_t workspace_bytes, const float *features, size_t feature_count) {
  if (!vib) return TML_ERROR_ARGUMENT;
  if (!vib->feature_count) return FAIL(vib, TML_ERROR_STATE, "not initialized: tml_vibration_init did not succeed");
  const tml_vibration_config *c = &vib->config;
  if (!samples || sample_count != (size_t)c->window * c->axes)
    return FAIL(vib, TML_ERROR_ARGUMENT, "a window is %u samples (%u per axis, %u axes)", c->window * c->axes,
                c->window, c->axes);
  if (!workspace || ((uintptr_t)workspace & 3u) || workspace_bytes < tml_vibration_workspace_bytes(vib))
    return FAIL(vib, TML_ERROR_ARENA, "workspace must be 4-byte aligned and hold %u bytes",
                (uint32_t)tml_vibration_workspace_bytes(vib));
  if (!features || feature_count != vib->feature_count)
    return FAIL(vib, TML_ERROR_ARGUMENT, "features must hold exactly %u values", vib->feature_count);
  return TML_OK;
}

static void quantize_all(const tml_vibration *vib, const float *features, int8_t *quantized) {
  if (!quantized) return;
  for (uint32_t i = 0; i < vib->feature_count; i++) quantized[i] = quantize(&vib->config, i, features[i]);
}

tml_status tml_vibration_compute_float(tml_vibration *vib, const int16_t *samples, size_t sample_count,
                                       void *workspace, size_t workspace_bytes, float *features, int8_t *quantized,
                                       size_t feature_count) {
  tml_status status = check(vib, samples, sample_count, workspace, workspace_bytes, features, feature_count);
  if (status != TML_OK) return status;
  const uint32_t axes = vib->config.axes, per_axis = TML_VIB_TIME_FEATURES + vib->config.band_count;
  for (uint32_t a = 0; a < axes; a++)
    tml_vib_axis_features_f32(vib, samples + a, axes, (float *)workspace, features + a * per_axis);
  quantize_all(vib, features, quantized);
  return TML_OK;
}

tml_status tml_vibration_compute_fixed(tml_vibration *vib, const int16_t *samples, size_t sample_count,
                                       void *workspace, size_t workspace_bytes, float *features, int8_t *quantized,
                                       size_t feature_count) {
  tml_status status = check(vib, samples, sample_count, workspace, workspace_bytes, features, feature_count);
  if (status != TML_OK) return status;
  const uint32_t axes = vib->config.axes, per_axis = TML_VIB_TIME_FEATURES + vib->config.band_count;
  for (uint32_t a = 0; a < axes; a++)
    tml_vib_axis_features_q31(vib, samples + a, axes, (int32_t *)workspace, features + a * per_axis);
  quantize_all(vib, features, quantized);
  return TML_OK;
}

tml_status tml_vibration_compute(tml_vibration *vib, const int16_t *samples, size_t sample_count, void *workspace,
                                 size_t workspace_bytes, float *features, int8_t *quantized, size_t feature_count) {
#if TML_VIBRATION_FIXED_POINT
  return tml_vibration_compute_fixed(vib, samples, sample_count, workspace, workspace_bytes, features, quantized,
                                     feature_count);
#else
  return tml_vibration_compute_float(vib, samples, sample_count, workspace, workspace_bytes, features, quantized,
                                     feature_count);
#endif
}

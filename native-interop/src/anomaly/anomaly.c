/* The anomaly baseline: Welford statistics, mean squared z-scores, and a threshold from a log-scale histogram of the
   calibration windows' scores. */
#include <math.h>
#include <string.h>

#include "../engine.h"
#include "anomaly_internal.h"

#define FAIL(a, status, ...) (tml_format((a)->error, TML_ERROR_TEXT, __VA_ARGS__), (status))

tml_status tml_anomaly_default_config(tml_anomaly_config *config, uint32_t feature_count, uint32_t calibration_windows) {
  if (!config) return TML_ERROR_ARGUMENT;
  memset(config, 0, sizeof *config);
  config->feature_count = feature_count;
  config->calibration_windows = calibration_windows;
  config->warmup_windows = calibration_windows / 2 < 2 ? 2 : calibration_windows / 2;
  config->quantile = 0.99f;
  config->margin = 1.5f;
  config->variance_floor_absolute = 1e-9f;
  config->variance_floor_relative = 1e-4f;
  return TML_OK;
}

tml_status tml_anomaly_check_config(const tml_anomaly_config *c, char *error) {
#define CHECK(ok, ...) \
  if (!(ok)) return tml_format(error, TML_ERROR_TEXT, __VA_ARGS__), TML_ERROR_ARGUMENT
  CHECK(c->feature_count >= 1 && c->feature_count <= TML_ANOMALY_MAX_FEATURES, "feature count %u must be 1 to %d",
        c->feature_count, TML_ANOMALY_MAX_FEATURES);
  CHECK(c->warmup_windows >= 2, "warm-up of %u windows: at least 2 are needed for a variance", c->warmup_windows);
  CHECK(c->calibration_windows > c->warmup_windows && c->calibration_windows <= TML_ANOMALY_MAX_CALIBRATION,
        "calibration of %u windows must exceed the %u warm-up windows and be at most %d", c->calibration_windows,
        c->warmup_windows, TML_ANOMALY_MAX_CALIBRATION);
  CHECK(c->quantile > 0.0f && c->quantile <= 1.0f, "quantile must be in (0, 1]");
  CHECK(isfinite(c->margin) && c->margin >= 1.0f, "margin must be a finite factor of at least 1");
  CHECK(isfinite(c->variance_floor_absolute) && c->variance_floor_absolute > 0.0f,
        "absolute variance floor must be finite and positive");
  CHECK(isfinite(c->variance_floor_relative) && c->variance_floor_relative >= 0.0f,
        "relative variance floor must be finite and not negative");
  return TML_OK;
#undef CHECK
}

tml_status tml_anomaly_init(tml_anomaly *a, const tml_anomaly_config *config) {
  if (!a) return TML_ERROR_ARGUMENT;
  memset(a, 0, sizeof *a);
  if (!config) return FAIL(a, TML_ERROR_ARGUMENT, "config is NULL");
  tml_status status = tml_anomaly_check_config(config, a->error);
  if (status != TML_OK) return status;
  a->config = *config;
  a->phase = TML_ANOMALY_CALIBRATING;
  return TML_OK;
}

const char *tml_anomaly_error(const tml_anomaly *a) { return a ? a->error : "anomaly baseline is NULL"; }

static int initialized(const tml_anomaly *a) { return a->config.feature_count != 0; }

static tml_status check_features(const tml_anomaly *a, const float *features, size_t count, char *error) {
  if (!initialized(a)) return tml_format(error, TML_ERROR_TEXT, "not initialized: tml_anomaly_init did not succeed"), TML_ERROR_STATE;
  if (!features || count != a->config.feature_count)
    return tml_format(error, TML_ERROR_TEXT, "a window has %u features", a->config.feature_count), TML_ERROR_ARGUMENT;
  for (uint32_t i = 0; i < a->config.feature_count; i++)
    if (!isfinite(features[i])) return tml_format(error, TML_ERROR_TEXT, "feature %u is not finite", i), TML_ERROR_ARGUMENT;
  return TML_OK;
}

/* Mean squared z-score against the current statistics (learned ≥ 2). */
static float score_of(const tml_anomaly *a, const float *x) {
  const tml_anomaly_config *c = &a->config;
  const float inv_dof = 1.0f / (float)(a->learned - 1u);
  float sum = 0.0f;
  for (uint32_t i = 0; i < c->feature_count; i++) {
    const float mean = a->mean[i], floor = c->variance_floor_absolute + c->variance_floor_relative * mean * mean;
    const float variance = a->m2[i] * inv_dof, d = x[i] - mean;
    sum += d * d / (variance > floor ? variance : floor);
  }
  return sum / (float)c->feature_count;
}

static void learn(tml_anomaly *a, const float *x) {
  const float inv_n = 1.0f / (float)(++a->learned);
  for (uint32_t i = 0; i < a->config.feature_count; i++) {
    const float delta = x[i] - a->mean[i];
    a->mean[i] += delta * inv_n;
    a->m2[i] += delta * (x[i] - a->mean[i]);
  }
}

static uint32_t histogram_bin(float score) {
  const float position = score > 0.0f ? (log2f(score) - (float)TML_ANOMALY_HISTOGRAM_MIN_LOG2) * TML_ANOMALY_BINS_PER_OCTAVE : 0.0f;
  if (!(position > 0.0f)) return 0;
  if (position >= (float)(TML_ANOMALY_HISTOGRAM_BINS - 1)) return TML_ANOMALY_HISTOGRAM_BINS - 1;
  return (uint32_t)position;
}

/* The nearest-rank quantile (the ceil(q·n)-th smallest score), interpolated log-linearly inside its bin. */
static float histogram_quantile(const tml_anomaly *a) {
  uint32_t total = 0;
  for (uint32_t b = 0; b < TML_ANOMALY_HISTOGRAM_BINS; b++) total += a->histogram[b];
  float rank = ceilf(a->config.quantile * (float)total);
  if (rank < 1.0f) rank = 1.0f;
  uint32_t below = 0, b = 0;
  while (b + 1 < TML_ANOMALY_HISTOGRAM_BINS && (float)(below + a->histogram[b]) < rank) below += a->histogram[b++];
  const float fraction = a->histogram[b] ? (rank - (float)below) / (float)a->histogram[b] : 1.0f;
  return exp2f((float)TML_ANOMALY_HISTOGRAM_MIN_LOG2 + ((float)b + fraction) / TML_ANOMALY_BINS_PER_OCTAVE);
}

tml_status tml_anomaly_feed(tml_anomaly *a, const float *features, size_t count, tml_anomaly_result *result) {
  if (!a) return TML_ERROR_ARGUMENT;
  tml_status status = check_features(a, features, count, a->error);
  if (status != TML_OK) return status;
  tml_anomaly_result r = {0.0f, 0, 0, a->phase};
  if (a->phase == TML_ANOMALY_CALIBRATING) {
    if (a->learned >= a->config.warmup_windows) {
      r.score = score_of(a, features);
      r.scored = 1;
      a->histogram[histogram_bin(r.score)]++;
    }
    learn(a, features);
    a->windows++;
    if (a->learned == a->config.calibration_windows) {
      a->threshold = a->config.margin * histogram_quantile(a);
      a->phase = TML_ANOMALY_READY;
    }
  } else {
    r.score = score_of(a, features);
    r.scored = 1;
    r.anomalous = r.score > a->threshold;
    if (a->windows < UINT32_MAX) a->windows++;
    if (r.anomalous && a->anomalies < UINT32_MAX) a->anomalies++;
  }
  r.phase = a->phase;
  if (result) *result = r;
  return TML_OK;
}

tml_status tml_anomaly_score(const tml_anomaly *a, const float *features, size_t count, float *score) {
  char ignored[TML_ERROR_TEXT];
  if (!a || !score) return TML_ERROR_ARGUMENT;
  tml_status status = check_features(a, features, count, ignored);
  if (status != TML_OK) return status;
  if (a->learned < 2) return TML_ERROR_STATE;
  *score = score_of(a, features);
  return TML_OK;
}

tml_status tml_anomaly_statistics(const tml_anomaly *a, float *mean, float *variance, size_t count) {
  if (!a || count != a->config.feature_count || !initialized(a)) return TML_ERROR_ARGUMENT;
  for (uint32_t i = 0; i < a->config.feature_count; i++) {
    if (mean) mean[i] = a->mean[i];
    if (variance) variance[i] = a->learned > 1 ? a->m2[i] / (float)(a->learned - 1u) : 0.0f;
  }
  return TML_OK;
}

tml_anomaly_phase tml_anomaly_get_phase(const tml_anomaly *a) {
  return a && a->phase == TML_ANOMALY_READY ? TML_ANOMALY_READY : TML_ANOMALY_CALIBRATING;
}
float tml_anomaly_threshold(const tml_anomaly *a) { return a ? a->threshold : 0.0f; }
uint32_t tml_anomaly_windows(const tml_anomaly *a) { return a ? a->windows : 0; }
uint32_t tml_anomaly_anomalies(const tml_anomaly *a) { return a ? a->anomalies : 0; }

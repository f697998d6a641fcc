/*
 * On-device anomaly baseline: learns what "normal" feature vectors look like during a calibration period on the
 * device itself, then scores every window and flags those above a threshold it derived from its own calibration.
 *
 *   tml_anomaly_default_config()  quantile 0.99, margin 1.5, variance floors, half the calibration as warm-up
 *   tml_anomaly_init()            start calibrating
 *   tml_anomaly_feed()            one window's features: learns while calibrating, scores and counts once ready
 *   tml_anomaly_serialize() / tml_anomaly_deserialize()   keep a baseline across reboots
 *
 * Statistics: per feature, the running mean and sum of squared deviations (Welford's update, float), over every
 * calibration window. variance = M2 / (n − 1).
 *
 * Score of a window x: the mean squared z-score over the F features,
 *     score = (1/F) Σ_i (x_i − mean_i)² / v_i,   v_i = max(variance_i, floor_absolute + floor_relative · mean_i²),
 * so a feature that was constant during calibration (a silent band, a stuck axis) cannot make scores explode; a
 * window like the calibration windows scores about 1.
 *
 * Threshold: margin × the quantile q of calibration scores. Each calibration window after the first
 * warmup_windows is scored against the statistics of the windows before it (so the scores are those of unseen
 * normal data, not of data the statistics already contain), then added to them. The scores go to a histogram of
 * TML_ANOMALY_HISTOGRAM_BINS bins over log2(score) from 2^-12 to 2^20, 16 bins per octave (fixed memory whatever the
 * calibration length); the quantile is interpolated inside its bin, so it is within 4.4% (one bin) of the exact
 * nearest-rank quantile of those scores. The margin is multiplicative: threshold = margin · quantile.
 *
 * Phases: TML_ANOMALY_CALIBRATING for the first calibration_windows fed windows, then TML_ANOMALY_READY: the
 * statistics and threshold are frozen; each window is scored, compared (score > threshold is an anomaly) and
 * counted. Start over (recalibrate) with tml_anomaly_init.
 *
 * Serialized form (little-endian, version 1): "TMAB", version u16, feature count u16, the config, phase and counters,
 * threshold, means, M2s, histogram, then the CRC-32 (IEEE 802.3) of everything before it.
 */
#ifndef TINYML_ANOMALY_H
#define TINYML_ANOMALY_H

#include <stddef.h>
#include <stdint.h>

#include "tinyml/tinyml.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TML_ANOMALY_MAX_FEATURES 128
#define TML_ANOMALY_HISTOGRAM_BINS 512
#define TML_ANOMALY_BINS_PER_OCTAVE 16
#define TML_ANOMALY_HISTOGRAM_MIN_LOG2 (-12)
#define TML_ANOMALY_MAX_CALIBRATION 65535 /* histogram counts are 16-bit */
#define TML_ANOMALY_FORMAT_VERSION 1

typedef enum tml_anomaly_phase { TML_ANOMALY_CALIBRATING = 0, TML_ANOMALY_READY = 1 } tml_anomaly_phase;

typedef struct tml_anomaly_config {
  uint32_t feature_count;        /* F, 1 to TML_ANOMALY_MAX_FEATURES */
  uint32_t calibration_windows;  /* windows that calibrate, warmup_windows + 1 to TML_ANOMALY_MAX_CALIBRATION */
  uint32_t warmup_windows;       /* of those, the first ones only learn (at least 2) */
  float quantile;                /* of the calibration scores, in (0, 1], e.g. 0.99 */
  float margin;                  /* threshold = margin · quantile score, at least 1 */
  float variance_floor_absolute; /* ≥ 0, in feature units² */
  float variance_floor_relative; /* ≥ 0, times mean² */
} tml_anomaly_config;

/* The whole baseline. Fields are private to the engine; 32-bit fields and byte arrays only, so the layout is the
   same on every architecture. */
typedef struct tml_anomaly {
  tml_anomaly_config config;
  int32_t phase;       /* tml_anomaly_phase */
  uint32_t windows;    /* fed since init, calibration included */
  uint32_t learned;    /* windows in the statistics */
  uint32_t anomalies;  /* windows over the threshold since ready */
  float threshold;     /* 0 while calibrating */
  float mean[TML_ANOMALY_MAX_FEATURES];
  float m2[TML_ANOMALY_MAX_FEATURES]; /* Σ (x − mean)², Welford */
  uint16_t histogram[TML_ANOMALY_HISTOGRAM_BINS];
  char error[TML_ERROR_TEXT];
} tml_anomaly;

/* What one fed window gave. */
typedef struct tml_anomaly_result {
  float score;       /* 0 during warm-up (no statistics to score against yet) */
  int32_t scored;    /* 1 when score is meaningful */
  int32_t anomalous; /* 1 when ready and score > threshold */
  int32_t phase;     /* the phase after this window (the last calibration window makes it READY) */
} tml_anomaly_result;

/* calibration_windows windows, half of them (rounded down, at least 2) warm-up; quantile 0.99; margin 1.5; variance
   floors 1e-9 absolute and 1e-4 relative (a standard deviation of 1% of the mean's size). TML_ERROR_ARGUMENT for a
   NULL config; init checks the values. */
TML_API tml_status tml_anomaly_default_config(tml_anomaly_config *config, uint32_t feature_count,
                                              uint32_t calibration_windows);

/* Validates the config and starts calibrating. On failure a->error says why. */
TML_API tml_status tml_anomaly_init(tml_anomaly *a, const tml_anomaly_config *config);
TML_API const char *tml_anomaly_error(const tml_anomaly *a);

/* One window's features (count must be the configured feature count; every value finite, else TML_ERROR_ARGUMENT
   and nothing changes). result may be NULL. */
TML_API tml_status tml_anomaly_feed(tml_anomaly *a, const float *features, size_t count, tml_anomaly_result *result);

/* The score of features against the current statistics, changing nothing. TML_ERROR_STATE before two windows. */
TML_API tml_status tml_anomaly_score(const tml_anomaly *a, const float *features, size_t count, float *score);

/* Copies the per-feature means and variances (count = feature count; either pointer may be NULL). */
TML_API tml_status tml_anomaly_statistics(const tml_anomaly *a, float *mean, float *variance, size_t count);

TML_API tml_anomaly_phase tml_anomaly_get_phase(const tml_anomaly *a);
TML_API float tml_anomaly_threshold(const tml_anomaly *a); /* 0 until ready */
TML_API uint32_t tml_anomaly_windows(const tml_anomaly *a);
TML_API uint32_t tml_anomaly_anomalies(const tml_anomaly *a);

/* Bytes the serialized baseline takes (depends on the feature count only). */
TML_API size_t tml_anomaly_serialized_bytes(const tml_anomaly *a);
/* Writes the baseline; *written = bytes written. TML_ERROR_ARGUMENT when capacity is too small. */
TML_API tml_status tml_anomaly_serialize(const tml_anomaly *a, void *out, size_t capacity, size_t *written);
/* Restores a baseline written by tml_anomaly_serialize. expected_feature_count: the feature count the caller's
   feature extractor produces (0 accepts any). Rejects, leaving every field of *a but its error text unchanged:
   TML_ERROR_ARGUMENT for bytes that are not a baseline, of the wrong size, failing the CRC, with another feature
   count or with inconsistent contents; TML_ERROR_UNSUPPORTED for another format version. */
TML_API tml_status tml_anomaly_deserialize(tml_anomaly *a, const void *bytes, size_t size,
                                           uint32_t expected_feature_count);

#ifdef __cplusplus
}
#endif

#endif

/* The anomaly baseline as bytes: little-endian fields behind a versioned header, closed by a CRC-32. Restoring checks
   everything (header, size, CRC, then every value's range and the counters' consistency) before it writes. */
#include <math.h>
#include <string.h>

#include "../engine.h"
#include "anomaly_internal.h"

#define MAGIC "TMAB"
#define HEADER_BYTES 8u  /* magic, version u16, feature count u16 */
#define FIXED_BYTES (HEADER_BYTES + 4u * 11u + 2u * TML_ANOMALY_HISTOGRAM_BINS + 4u) /* + 8 per feature */

static size_t serialized_bytes(uint32_t features) { return FIXED_BYTES + 8u * (size_t)features; }

/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), four bits at a time. */
static uint32_t crc32(const uint8_t *p, size_t n) {
  static const uint32_t nibble[16] = {0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
                                      0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
                                      0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    crc = (crc >> 4) ^ nibble[crc & 15u];
    crc = (crc >> 4) ^ nibble[crc & 15u];
  }
  return ~crc;
}

typedef struct writer {
  uint8_t *p;
} writer;

static void put16(writer *w, uint32_t v) {
  w->p[0] = (uint8_t)v, w->p[1] = (uint8_t)(v >> 8);
  w->p += 2;
}
static void put32(writer *w, uint32_t v) {
  w->p[0] = (uint8_t)v, w->p[1] = (uint8_t)(v >> 8), w->p[2] = (uint8_t)(v >> 16), w->p[3] = (uint8_t)(v >> 24);
  w->p += 4;
}
static void put_float(writer *w, float f) {
  uint32_t v;
  memcpy(&v, &f, 4);
  put32(w, v);
}

typedef struct reader {
  const uint8_t *p;
} reader;

static uint32_t get16(reader *r) {
  uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8;
  r->p += 2;
  return v;
}
static uint32_t get32(reader *r) {
  uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
  r->p += 4;
  return v;
}
static float get_float(reader *r) {
  uint32_t v = get32(r);
  float f;
  memcpy(&f, &v, 4);
  return f;
}

size_t tml_anomaly_serialized_bytes(const tml_anomaly *a) {
  return a && a->config.feature_count ? serialized_bytes(a->config.feature_count) : 0;
}

tml_status tml_anomaly_serialize(const tml_anomaly *a, void *out, size_t capacity, size_t *written) {
  if (!a) return TML_ERROR_ARGUMENT;
  if (!a->config.feature_count) return TML_ERROR_STATE;
  const uint32_t f = a->config.feature_count;
  const size_t bytes = serialized_bytes(f);
  if (!out || capacity < bytes) return TML_ERROR_ARGUMENT;
  writer w = {(uint8_t *)out};
  memcpy(w.p, MAGIC, 4);
  w.p += 4;
  put16(&w, TML_ANOMALY_FORMAT_VERSION);
  put16(&w, f);
  put32(&w, a->config.calibration_windows);
  put32(&w, a->config.warmup_windows);
  put_float(&w, a->config.quantile);
  put_float(&w, a->config.margin);
  put_float(&w, a->config.variance_floor_absolute);
  put_float(&w, a->config.variance_floor_relative);
  put32(&w, (uint32_t)a->phase);
  put32(&w, a->windows);
  put32(&w, a->learned);
  put32(&w, a->anomalies);
  put_float(&w, a->threshold);
  for (uint32_t i = 0; i < f; i++) put_float(&w, a->mean[i]);
  for (uint32_t i = 0; i < f; i++) put_float(&w, a->m2[i]);
  for (uint32_t b = 0; b < TML_ANOMALY_HISTOGRAM_BINS; b++) put16(&w, a->histogram[b]);
  put32(&w, crc32((const uint8_t *)out, bytes - 4u));
  if (written) *written = bytes;
  return TML_OK;
}

#define REJECT(status, ...) (tml_format(a->error, TML_ERROR_TEXT, __VA_ARGS__), (status))

tml_status tml_anomaly_deserialize(tml_anomaly *a, const void *bytes, size_t size, uint32_t expected_feature_count) {
  if (!a) return TML_ERROR_ARGUMENT;
  if (!bytes || size < HEADER_BYTES) return REJECT(TML_ERROR_ARGUMENT, "%u bytes are too few for a baseline", (uint32_t)size);
  const uint8_t *data = (const uint8_t *)bytes;
  if (memcmp(data, MAGIC, 4) != 0) return REJECT(TML_ERROR_ARGUMENT, "not an anomaly baseline (no \"TMAB\" header)");
  reader r = {data + 4};
  const uint32_t version = get16(&r), f = get16(&r);
  if (version != TML_ANOMALY_FORMAT_VERSION)
    return REJECT(TML_ERROR_UNSUPPORTED, "baseline format version %u (this engine reads %d)", version, TML_ANOMALY_FORMAT_VERSION);
  if (f < 1 || f > TML_ANOMALY_MAX_FEATURES) return REJECT(TML_ERROR_ARGUMENT, "baseline of %u features", f);
  if (expected_feature_count && f != expected_feature_count)
    return REJECT(TML_ERROR_ARGUMENT, "baseline of %u features where %u are expected", f, expected_feature_count);
  if (size != serialized_bytes(f))
    return REJECT(TML_ERROR_ARGUMENT, "baseline of %u features is %u bytes, not %u", f, (uint32_t)serialized_bytes(f),
                  (uint32_t)size);
  reader crc_at = {data + size - 4u};
  if (crc32(data, size - 4u) != get32(&crc_at)) return REJECT(TML_ERROR_ARGUMENT, "baseline CRC mismatch: the bytes are corrupt");

  tml_anomaly_config c;
  memset(&c, 0, sizeof c);
  c.feature_count = f;
  c.calibration_windows = get32(&r);
  c.warmup_windows = get32(&r);
  c.quantile = get_float(&r);
  c.margin = get_float(&r);
  c.variance_floor_absolute = get_float(&r);
  c.variance_floor_relative = get_float(&r);
  const uint32_t phase = get32(&r), windows = get32(&r), learned = get32(&r), anomalies = get32(&r);
  const float threshold = get_float(&r);
  char reason[TML_ERROR_TEXT];
  if (tml_anomaly_check_config(&c, reason) != TML_OK) return REJECT(TML_ERROR_ARGUMENT, "baseline config: %s", reason);
  const int ready = phase == TML_ANOMALY_READY;
  if (phase > TML_ANOMALY_READY || (ready ? learned != c.calibration_windows : learned >= c.calibration_windows) ||
      windows < learned || (!ready && windows != learned) || anomalies > windows - learned ||
      !isfinite(threshold) || (ready ? !(threshold > 0.0f) : threshold != 0.0f))
    return REJECT(TML_ERROR_ARGUMENT, "baseline phase and counters are inconsistent");
  const reader values = r;
  for (uint32_t i = 0; i < 2u * f; i++) {
    const float v = get_float(&r);
    if (!isfinite(v) || (i >= f && v < 0.0f)) return REJECT(TML_ERROR_ARGUMENT, "baseline statistic %u is invalid", i);
  }
  uint32_t scored = 0;
  for (uint32_t b = 0; b < TML_ANOMALY_HISTOGRAM_BINS; b++) scored += get16(&r);
  if (scored != tml_anomaly_scored_windows(&c, learned))
    return REJECT(TML_ERROR_ARGUMENT, "baseline histogram holds %u scores, not %u", scored, tml_anomaly_scored_windows(&c, learned));

  /* valid: now overwrite */
  memset(a, 0, sizeof *a);
  a->config = c;
  a->phase = (int32_t)phase;
  a->windows = windows;
  a->learned = learned;
  a->anomalies = anomalies;
  a->threshold = threshold;
  r = values;
  for (uint32_t i = 0; i < f; i++) a->mean[i] = get_float(&r);
  for (uint32_t i = 0; i < f; i++) a->m2[i] = get_float(&r);
  for (uint32_t b = 0; b < TML_ANOMALY_HISTOGRAM_BINS; b++) a->histogram[b] = (uint16_t)get16(&r);
  return TML_OK;
}

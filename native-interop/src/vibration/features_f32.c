/* One axis's features in single-precision float (cores with an FPU). */
#include <math.h>

#include "vibration_internal.h"

/* Sums of d² and d⁴ in blocks, so rounding grows with the block length plus the block count, not with N. */
#define BLOCK 64u

void tml_vib_axis_features_f32(const tml_vibration *vib, const int16_t *samples, uint32_t stride, float *work,
                               float *features) {
  const uint32_t n = vib->config.window, log2_n = vib->log2_window, bands = vib->config.band_count;
  int32_t sum = 0, lo = INT16_MAX, hi = INT16_MIN;
  for (uint32_t i = 0; i < n; i++) {
    const int32_t x = samples[i * stride];
    sum += x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  if (lo == hi) {
    for (uint32_t j = 0; j < TML_VIB_BAND0; j++) features[j] = 0.0f;
    for (uint32_t b = 0; b < bands; b++) features[TML_VIB_BAND0 + b] = tml_vib_ln(TML_VIB_ENERGY_FLOOR_G2);
    return;
  }

  /* d = x − mean: moments, and d·w into the FFT's input, pair by pair in bit-reversed order */
  const float mean = (float)sum / (float)n;
  const uint32_t quarter = n / 4, block = quarter < BLOCK ? quarter : BLOCK, pairs = n / 2;
  const int16_t *x = samples;
  uint32_t j = 0;
  float s2 = 0.0f, s4 = 0.0f;
  for (uint32_t q = 0; q < 4; q++) {
    const int32_t *sine = tml_vib_hann_start(q), step = tml_vib_hann_step(q, log2_n);
    const float half = tml_vib_hann_cos_positive(q) ? -0.5f / 2147483648.0f : 0.5f / 2147483648.0f; /* w = ½ ± ½·sine */
    for (uint32_t start = 0; start < quarter; start += block) {
      float b2 = 0.0f, b4 = 0.0f;
      for (uint32_t i = 0; i < block; i += 2) {
        const float d0 = (float)x[0] - mean, d1 = (float)x[stride] - mean, e0 = d0 * d0, e1 = d1 * d1;
        const float w0 = 0.5f + half * (float)sine[0], w1 = 0.5f + half * (float)sine[step];
        x += 2 * stride;
        sine += 2 * step;
        b2 += e0 + e1;
        b4 += e0 * e0 + e1 * e1;
        work[2 * j] = d0 * w0;
        work[2 * j + 1] = d1 * w1;
        j = tml_vib_next_reversed(j, pairs);
      }
      s2 += b2;
      s4 += b4;
    }
  }
  tml_vib_rfft_f32(work, log2_n);

  /* |X[k]|² · c_k / (N · 3N/8), in counts², then g² */
  const float g = vib->g_per_count, to_g2 = 8.0f / (3.0f * (float)n * (float)n) * g * g;
  for (uint32_t b = 0; b < bands; b++) {
    float acc = 0.0f;
    for (uint32_t k = vib->band_first_bin[b]; k < vib->band_end_bin[b]; k++) {
      if (k == 0) acc += work[0] * work[0];
      else if (k == n / 2) acc += work[1] * work[1];
      else acc += 2.0f * (work[2 * k] * work[2 * k] + work[2 * k + 1] * work[2 * k + 1]);
    }
    features[TML_VIB_BAND0 + b] = tml_vib_ln(acc * to_g2 + TML_VIB_ENERGY_FLOOR_G2);
  }

  const int64_t spread = (int64_t)hi * n - sum > sum - (int64_t)lo * n ? (int64_t)hi * n - sum : sum - (int64_t)lo * n;
  const float rms = sqrtf(s2 / (float)n) * g, peak = (float)spread / (float)n * g;
  features[TML_VIB_RMS] = rms;
  features[TML_VIB_PEAK] = peak;
  features[TML_VIB_CREST] = peak / rms;
  features[TML_VIB_KURTOSIS] = (float)n * s4 / (s2 * s2);
}

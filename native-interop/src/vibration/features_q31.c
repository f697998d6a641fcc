/* One axis's features with integer arithmetic for every sample and every bin (cores without an FPU): exact moments,
   a Q31 FFT of the exactly centred, windowed samples scaled up to use the int32 range (one block exponent per
   window), band energies summed in int64. Only the few finishing steps per feature are float. */
#include <math.h>

#include "vibration_internal.h"

/* a·w / 2 for w in Q31: the high word of the 64-bit product. */
static inline int32_t mul_half(int32_t a, int32_t w) { return (int32_t)(((int64_t)a * w) >> 32); }

static uint32_t leading_zeros(uint32_t v) {
#if defined(__GNUC__)
  return v ? (uint32_t)__builtin_clz(v) : 32u;
#else
  uint32_t n = 0;
  while (n < 32u && !(v & 0x80000000u)) v <<= 1, n++;
  return n;
#endif
}

void tml_vib_axis_features_q31(const tml_vibration *vib, const int16_t *samples, uint32_t stride, int32_t *work,
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
  /* Moments about c, the mean rounded (d = x − c: |d| ≤ 65535, mean(d) = r/N within ±1/2): exact integer sums. */
  const int32_t c = (sum + (int32_t)(n >> 1)) >> log2_n, r = sum - (int32_t)((uint32_t)c << log2_n);
  uint32_t s4_hi = 0;
  int64_t s3 = 0;
  uint64_t s2 = 0, s4_lo = 0;
  for (uint32_t i = 0; i < n; i++) {
    const int32_t d = samples[i * stride] - c;
    const uint32_t d2 = (uint32_t)d * (uint32_t)d; /* exact: |d| ≤ 65535 */
    const uint64_t d4 = (uint64_t)d2 * d2;
    s2 += d2;
    s3 += (int64_t)d * d2;
    s4_lo += d4;
    s4_hi += s4_lo < d4;
  }

  /* The FFT's input: N·(x − mean) = N·x − sum, exact, scaled by 2^headroom to nearly 2^31, times the window (the
     high word of the product halves it: below 2^30), pair by pair in bit-reversed order. */
  const int64_t spread = (int64_t)hi * n - sum > sum - (int64_t)lo * n ? (int64_t)hi * n - sum : sum - (int64_t)lo * n;
  const uint32_t headroom = leading_zeros((uint32_t)spread) - 1u, quarter = n / 4, pairs = n / 2;
  const int32_t scale_up = (int32_t)(1u << headroom);
  const int16_t *x = samples;
  uint32_t j = 0;
  for (uint32_t q = 0; q < 4; q++) {
    const int32_t *sine = tml_vib_hann_start(q), step = tml_vib_hann_step(q, log2_n);
    const uint32_t negate = tml_vib_hann_cos_positive(q) ? 0xFFFFFFFFu : 0u; /* w = (2^31 ∓ sine) / 2 in Q31 */
    for (uint32_t i = 0; i < quarter; i += 2) {
      const int32_t w0 = (int32_t)((0x80000000u + (((uint32_t)sine[0] ^ negate) - negate)) >> 1);
      const int32_t w1 = (int32_t)((0x80000000u + (((uint32_t)sine[step] ^ negate) - negate)) >> 1);
      work[2 * j] = mul_half((x[0] * (int32_t)n - sum) * scale_up, w0);
      work[2 * j + 1] = mul_half((x[stride] * (int32_t)n - sum) * scale_up, w1);
      x += 2 * stride;
      sine += 2 * step;
      j = tml_vib_next_reversed(j, pairs);
    }
  }
  tml_vib_rfft_q31(work, log2_n);

  /* work holds X[k] · 2^(headroom − 1) (the FFT's 1/N undoes the N above), so E_b = Σ c_k·|work[k]|² · 8/(3N²) · g²
     / 4^(headroom − 1); headroom + log2 N ≤ 31 because the spread of a non-constant window is at least N/2. */
  const float g = vib->g_per_count;
  const float to_g2 = 8.0f / 3.0f * g * g / (float)(UINT64_C(1) << (2u * (headroom + log2_n) - 2u));
  for (uint32_t b = 0; b < bands; b++) {
    uint64_t acc = 0; /* ≤ the mean square of the scaled, windowed samples < 2^60 (Parseval) */
    for (uint32_t k = vib->band_first_bin[b]; k < vib->band_end_bin[b]; k++) {
      if (k == 0) acc += (uint64_t)((int64_t)work[0] * work[0]);
      else if (k == n / 2) acc += (uint64_t)((int64_t)work[1] * work[1]);
      else acc += (uint64_t)((int64_t)work[2 * k] * work[2 * k] + (int64_t)work[2 * k + 1] * work[2 * k + 1]) << 1;
    }
    features[TML_VIB_BAND0 + b] = tml_vib_ln((float)acc * to_g2 + TML_VIB_ENERGY_FLOOR_G2);
  }

  /* Central moments from the moments about c: m = mean(d), μ2 = E[d²] − m², μ4 = E[d⁴] − 4m·E[d³] + 6m²·E[d²] − 3m⁴ */
  const float inv_n = 1.0f / (float)n, m = (float)r * inv_n, m2 = m * m;
  const float e2 = (float)s2 * inv_n, e3 = (float)s3 * inv_n;
  const float e4 = ((float)s4_hi * 18446744073709551616.0f + (float)s4_lo) * inv_n;
  const float mu2 = e2 - m2, mu4 = e4 - 4.0f * m * e3 + 6.0f * m2 * e2 - 3.0f * m2 * m2;
  const float rms = sqrtf(mu2) * g, peak = (float)spread * inv_n * g;
  features[TML_VIB_RMS] = rms;
  features[TML_VIB_PEAK] = peak;
  features[TML_VIB_CREST] = peak / rms;
  features[TML_VIB_KURTOSIS] = mu4 / (mu2 * mu2);
}

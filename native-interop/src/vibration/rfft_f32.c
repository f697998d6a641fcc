/* Real FFT in single-precision float: an n/2-point complex radix-2 FFT of the sample pairs packed as complex values,
   then the split that turns it into the n-point real transform. Twiddles come from the Q31 sine table. */
#include "vibration_internal.h"

static inline float q31_to_float(int32_t v) { return (float)v * (1.0f / 2147483648.0f); }

/* The butterflies of one twiddle w = wr − i·ws: a' = a + b·w, b' = a − b·w, for count pairs span apart. A function of
   its own, so that the compiler keeps this loop's few values in registers. */
void tml_vib_butterflies_f32(float *a, uint32_t count, uint32_t span, float wr, float ws) {
  for (uint32_t g = 0; g < count; g++) {
    float *b = a + span;
    const float ar = a[0], ai = a[1], br = b[0], bi = b[1];
    const float tr = wr * br + ws * bi, ti = wr * bi - ws * br;
    a[0] = ar + tr, a[1] = ai + ti, b[0] = ar - tr, b[1] = ai - ti;
    a += 2 * span;
  }
}

/* Decimation in time on bit-reversed input, m = 2^log2_m complex values. */
static void complex_fft(float *z, uint32_t log2_m) {
  const uint32_t m = 1u << log2_m;
  for (float *a = z; a < z + 2 * m; a += 4) { /* length-2 stage: the twiddle is 1 */
    const float ar = a[0], ai = a[1], br = a[2], bi = a[3];
    a[0] = ar + br, a[1] = ai + bi, a[2] = ar - br, a[3] = ai - bi;
  }
  for (uint32_t log2_len = 2; log2_len <= log2_m; log2_len++) {
    const uint32_t half = 1u << (log2_len - 1), step = TML_VIB_CIRCLE >> log2_len;
    for (uint32_t j = 0; j < half; j++)
      tml_vib_butterflies_f32(z + 2 * j, m >> log2_len, 2 * half, q31_to_float(tml_vib_cos_half_q31(j * step)),
                              q31_to_float(tml_vib_sin_half_q31(j * step)));
  }
}

/* From Z, the transform of z[k] = x[2k] + i·x[2k+1], to X: with E = (Z[k] + conj Z[m−k]) / 2 (even samples) and
   O = (Z[k] − conj Z[m−k]) / 2i (odd samples), X[k] = E + W^k·O and X[m−k] = conj(E − W^k·O), W = e^(−2πi/n). */
static void split(float *z, uint32_t log2_n) {
  const uint32_t m = 1u << (log2_n - 1), step = TML_VIB_CIRCLE >> log2_n;
  const float r0 = z[0], i0 = z[1];
  z[0] = r0 + i0, z[1] = r0 - i0;
  for (uint32_t k = 1; k <= m / 2; k++) {
    float *p = z + 2 * k, *q = z + 2 * (m - k);
    const float wr = q31_to_float(tml_vib_cos_half_q31(k * step)), ws = q31_to_float(tml_vib_sin_half_q31(k * step));
    const float er = 0.5f * (p[0] + q[0]), ei = 0.5f * (p[1] - q[1]);
    const float or_ = 0.5f * (p[1] + q[1]), oi = 0.5f * (q[0] - p[0]);
    const float tr = wr * or_ + ws * oi, ti = wr * oi - ws * or_;
    p[0] = er + tr, p[1] = ei + ti;
    q[0] = er - tr, q[1] = ti - ei;
  }
}

void tml_vib_rfft_f32(float *data, uint32_t log2_n) {
  complex_fft(data, log2_n - 1);
  split(data, log2_n);
}

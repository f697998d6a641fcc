/* Real FFT in single-precision float: an n/2-point complex FFT of the sample pairs packed as complex values, then
   the split that turns it into the n-point real transform. Twiddles come from the Q31 sine table.
   The complex FFT is decimation in time on bit-reversed input, two radix-2 stages at a time (radix 2²): the stages of
   lengths L and 2L done in one pass over four points p, p + L/2, p + L, p + 3L/2, with w1 = W^2j, w2 = W^j, w3 = W^3j
   (W = e^(−2πi/2L)):
     y0 = (x0 + w1·x1) + (w2·x2 + w3·x3)        y2 = (x0 + w1·x1) − (w2·x2 + w3·x3)
     y1 = (x0 − w1·x1) − i·(w2·x2 − w3·x3)      y3 = (x0 − w1·x1) + i·(w2·x2 − w3·x3)
   which is what the two radix-2 stages give, with three complex products instead of four and one pass instead of two. */
#include "vibration_internal.h"

static inline float q31_to_float(int32_t v) { return (float)v * (1.0f / 2147483648.0f); }

void tml_vib_butterflies_f32(float *z, uint32_t count, uint32_t span, const tml_vib_twiddles_f32 *w) {
  const float c1 = w->c1, s1 = w->s1, c2 = w->c2, s2 = w->s2, c3 = w->c3, s3 = w->s3;
  const uint32_t q = 2 * span; /* floats between the four points */
  for (uint32_t g = 0; g < count; g++, z += 4 * q) {
    float *a = z, *b = z + q, *c = z + 2 * q, *d = z + 3 * q;
    const float x0r = a[0], x0i = a[1], x1r = b[0], x1i = b[1], x2r = c[0], x2i = c[1], x3r = d[0], x3i = d[1];
    const float t1r = c1 * x1r + s1 * x1i, t1i = c1 * x1i - s1 * x1r; /* x·w, w = cos − i·sin */
    const float t2r = c2 * x2r + s2 * x2i, t2i = c2 * x2i - s2 * x2r;
    const float t3r = c3 * x3r + s3 * x3i, t3i = c3 * x3i - s3 * x3r;
    const float s0r = x0r + t1r, s0i = x0i + t1i, d0r = x0r - t1r, d0i = x0i - t1i;
    const float s1r = t2r + t3r, s1i = t2i + t3i, d1r = t2r - t3r, d1i = t2i - t3i;
    a[0] = s0r + s1r, a[1] = s0i + s1i;
    c[0] = s0r - s1r, c[1] = s0i - s1i;
    b[0] = d0r + d1i, b[1] = d0i - d1r;
    d[0] = d0r - d1i, d[1] = d0i + d1r;
  }
}

static void complex_fft(float *z, uint32_t log2_m) {
  const uint32_t m = 1u << log2_m;
  uint32_t log2_len = 1; /* stages done */
  if (log2_m & 1u) { /* an odd count of stages: the length-2 one alone (its twiddle is 1) */
    for (float *a = z; a < z + 2 * m; a += 4) {
      const float ar = a[0], ai = a[1], br = a[2], bi = a[3];
      a[0] = ar + br, a[1] = ai + bi, a[2] = ar - br, a[3] = ai - bi;
    }
    log2_len = 2;
  }
  for (; log2_len < log2_m; log2_len += 2) { /* stages of lengths L = 2^log2_len and 2L */
    const uint32_t quarter = 1u << (log2_len - 1), step = TML_VIB_CIRCLE >> (log2_len + 1);
    for (uint32_t j = 0; j < quarter; j++) {
      const tml_vib_twiddles_f32 w = {q31_to_float(tml_vib_cos_q31(2 * j * step)), q31_to_float(tml_vib_sin_q31(2 * j * step)),
                                      q31_to_float(tml_vib_cos_q31(j * step)),     q31_to_float(tml_vib_sin_q31(j * step)),
                                      q31_to_float(tml_vib_cos_q31(3 * j * step)), q31_to_float(tml_vib_sin_q31(3 * j * step))};
      tml_vib_butterflies_f32(z + 2 * j, m >> (log2_len + 1), quarter, &w);
    }
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

/* Real FFT in Q31 fixed point, the same algorithm as rfft_f32.c. Each radix-2 stage halves its outputs (a product
   with a Q31 twiddle keeps the high word, which halves it for free), so a radix-2² pass divides by 4, no value ever
   grows, and the result is X[k] / n. */
#include "vibration_internal.h"

/* a·w / 2 for w in Q31: the high word of the 64-bit product (one instruction on Cortex-M4 and rv32im). */
static inline int32_t mul_half(int32_t a, int32_t w) { return (int32_t)(((int64_t)a * w) >> 32); }

void tml_vib_butterflies_q31(int32_t *z, uint32_t count, uint32_t span, const tml_vib_twiddles_q31 *w) {
  const int32_t c1 = w->c1, s1 = w->s1, c2 = w->c2, s2 = w->s2, c3 = w->c3, s3 = w->s3;
  const uint32_t q = 2 * span;
  for (uint32_t g = 0; g < count; g++, z += 4 * q) {
    int32_t *a = z, *b = z + q, *c = z + 2 * q, *d = z + 3 * q;
    const int32_t x0r = a[0] >> 2, x0i = a[1] >> 2, x1r = b[0], x1i = b[1], x2r = c[0], x2i = c[1], x3r = d[0], x3i = d[1];
    const int32_t t1r = (mul_half(x1r, c1) + mul_half(x1i, s1)) >> 1, t1i = (mul_half(x1i, c1) - mul_half(x1r, s1)) >> 1;
    const int32_t t2r = (mul_half(x2r, c2) + mul_half(x2i, s2)) >> 1, t2i = (mul_half(x2i, c2) - mul_half(x2r, s2)) >> 1;
    const int32_t t3r = (mul_half(x3r, c3) + mul_half(x3i, s3)) >> 1, t3i = (mul_half(x3i, c3) - mul_half(x3r, s3)) >> 1;
    const int32_t s0r = x0r + t1r, s0i = x0i + t1i, d0r = x0r - t1r, d0i = x0i - t1i;
    const int32_t s1r = t2r + t3r, s1i = t2i + t3i, d1r = t2r - t3r, d1i = t2i - t3i;
    a[0] = s0r + s1r, a[1] = s0i + s1i;
    c[0] = s0r - s1r, c[1] = s0i - s1i;
    b[0] = d0r + d1i, b[1] = d0i - d1r;
    d[0] = d0r - d1i, d[1] = d0i + d1r;
  }
}

static void complex_fft(int32_t *z, uint32_t log2_m) {
  const uint32_t m = 1u << log2_m;
  uint32_t log2_len = 1;
  if (log2_m & 1u) {
    for (int32_t *a = z; a < z + 2 * m; a += 4) {
      const int32_t ar = a[0] >> 1, ai = a[1] >> 1, br = a[2] >> 1, bi = a[3] >> 1;
      a[0] = ar + br, a[1] = ai + bi, a[2] = ar - br, a[3] = ai - bi;
    }
    log2_len = 2;
  }
  for (; log2_len < log2_m; log2_len += 2) {
    const uint32_t quarter = 1u << (log2_len - 1), step = TML_VIB_CIRCLE >> (log2_len + 1);
    for (uint32_t j = 0; j < quarter; j++) {
      const tml_vib_twiddles_q31 w = {tml_vib_cos_q31(2 * j * step), tml_vib_sin_q31(2 * j * step),
                                      tml_vib_cos_q31(j * step),     tml_vib_sin_q31(j * step),
                                      tml_vib_cos_q31(3 * j * step), tml_vib_sin_q31(3 * j * step)};
      tml_vib_butterflies_q31(z + 2 * j, m >> (log2_len + 1), quarter, &w);
    }
  }
}

/* As in rfft_f32.c, with every output halved once more: E and O are already halves, and the result is X / 2. */
static void split(int32_t *z, uint32_t log2_n) {
  const uint32_t m = 1u << (log2_n - 1), step = TML_VIB_CIRCLE >> log2_n;
  const int32_t r0 = z[0] >> 1, i0 = z[1] >> 1;
  z[0] = r0 + i0, z[1] = r0 - i0;
  for (uint32_t k = 1; k <= m / 2; k++) {
    int32_t *p = z + 2 * k, *q = z + 2 * (m - k);
    const int32_t wr = tml_vib_cos_half_q31(k * step), ws = tml_vib_sin_half_q31(k * step);
    const int32_t er = (p[0] >> 1) + (q[0] >> 1), ei = (p[1] >> 1) - (q[1] >> 1);
    const int32_t or_ = (p[1] >> 1) + (q[1] >> 1), oi = (q[0] >> 1) - (p[0] >> 1);
    const int32_t tr = mul_half(or_, wr) + mul_half(oi, ws), ti = mul_half(oi, wr) - mul_half(or_, ws);
    p[0] = (er >> 1) + tr, p[1] = (ei >> 1) + ti;
    q[0] = (er >> 1) - tr, q[1] = ti - (ei >> 1);
  }
}

void tml_vib_rfft_q31(int32_t *data, uint32_t log2_n) {
  complex_fft(data, log2_n - 1);
  split(data, log2_n);
}

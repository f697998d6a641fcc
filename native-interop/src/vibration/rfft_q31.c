/* Real FFT in Q31 fixed point, the same algorithm as rfft_f32.c. Every butterfly halves its outputs (the product
   with a Q31 twiddle keeps the high word, which halves it for free), so no stage can overflow and the result is
   X[k] / n. */
#include "vibration_internal.h"

/* a·w / 2 for w in Q31: the high word of the 64-bit product (one instruction on Cortex-M4 and rv32im). */
static inline int32_t mul_half(int32_t a, int32_t w) { return (int32_t)(((int64_t)a * w) >> 32); }

/* The butterflies of one twiddle w = wr − i·ws: a' = a/2 + b·w/2, b' = a/2 − b·w/2, for count pairs span apart. A
   function of its own, so that the compiler keeps this loop's few values in registers. */
void tml_vib_butterflies_q31(int32_t *a, uint32_t count, uint32_t span, int32_t wr, int32_t ws) {
  for (uint32_t g = 0; g < count; g++) {
    int32_t *b = a + span;
    const int32_t ar = a[0] >> 1, ai = a[1] >> 1, br = b[0], bi = b[1];
    const int32_t tr = mul_half(br, wr) + mul_half(bi, ws), ti = mul_half(bi, wr) - mul_half(br, ws);
    a[0] = ar + tr, a[1] = ai + ti, b[0] = ar - tr, b[1] = ai - ti;
    a += 2 * span;
  }
}

static void complex_fft(int32_t *z, uint32_t log2_m) {
  const uint32_t m = 1u << log2_m;
  for (int32_t *a = z; a < z + 2 * m; a += 4) {
    const int32_t ar = a[0] >> 1, ai = a[1] >> 1, br = a[2] >> 1, bi = a[3] >> 1;
    a[0] = ar + br, a[1] = ai + bi, a[2] = ar - br, a[3] = ai - bi;
  }
  for (uint32_t log2_len = 2; log2_len <= log2_m; log2_len++) {
    const uint32_t half = 1u << (log2_len - 1), step = TML_VIB_CIRCLE >> log2_len;
    for (uint32_t j = 0; j < half; j++)
      tml_vib_butterflies_q31(z + 2 * j, m >> log2_len, 2 * half, tml_vib_cos_half_q31(j * step),
                              tml_vib_sin_half_q31(j * step));
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

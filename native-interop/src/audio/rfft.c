/* Fixed-point real FFT of 512 int16 samples with kissfft 1.3.0's int16 arithmetic (the FFT TFLite Micro's
   preprocessor uses): a 256-point complex FFT of the samples taken as (re, im) pairs, in four radix-4
   decimation-in-time stages that each scale by about 1/4, then the split into the bins of the real input.
   Every product rounds in Q15 and every sum wraps to int16, exactly as the reference stores them.

   This file is the portable C version (rv32imc and any core without a faster path); rfft_sse2.c and
   rfft_dsp.c compute the same integers with x86-64 SSE2 and the Arm DSP extension. All three share the loop
   structure: the first stage reads its inputs in digit-reversed order (all of its twiddles are the unit
   one), the later stages run twiddle by twiddle so each twiddle is loaded once for all the blocks using it. */
#include "stages.h"

void tml_audio_rfft(const int16_t *fft_input, int32_t shift, int16_t *spectrum) {
  tml_audio_fft256(fft_input, shift, spectrum);
  tml_audio_rfft_split(spectrum);
}

#if !defined(TML_AUDIO_SSE2) && !defined(TML_AUDIO_ARM_DSP)

#define POINTS 256

/* An empty asm that makes x opaque to the optimizer (see its uses); and inlining the butterflies everywhere. */
#if defined(__GNUC__)
#define OPAQUE(x) __asm__("" : "+r"(x))
#define ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define OPAQUE(x) (void)0
#define ALWAYS_INLINE inline
#endif

/* Q15 product rounding. */
static inline int32_t q15_round(int32_t v) { return (v + 16384) >> 15; }

/* kissfft's fixed-point division by 4 and by 2: multiplications by 32767/4 and 32767/2 with Q15 rounding,
   not exact shifts. |v * k| stays below 2^31 for any int16 v. */
static inline int32_t scale_q15(int32_t v, int32_t k) { return q15_round(v * k); }

/* Stores the low 16 bits of v. Without the barrier GCC narrows the sums feeding v to 16 bits and zero-extends
   every operand (two more instructions apiece on rv32imc). */
static inline void store16(int16_t *p, int32_t v) {
  OPAQUE(v);
  *p = (int16_t)v;
}

/* The radix-4 butterfly's sums, given the quarter-scaled first point (a0) and the three twiddled ones (b1..b3).
   The reference stores every sum to int16; sums and differences commute with that wrap, so only the outputs
   are wrapped (|a0| <= 8191 and |b| <= 11585, so no intermediate leaves int32 either). */
static inline void butterfly_sums(int16_t *out0, int16_t *out1, int16_t *out2, int16_t *out3, int32_t a0r,
                                  int32_t a0i, int32_t b1r, int32_t b1i, int32_t b2r, int32_t b2i, int32_t b3r,
                                  int32_t b3i) {
  const int32_t sum02r = a0r + b2r, sum02i = a0i + b2i, diff02r = a0r - b2r, diff02i = a0i - b2i;
  const int32_t sum13r = b1r + b3r, sum13i = b1i + b3i, diff13r = b1r - b3r, diff13i = b1i - b3i;
  store16(out0, sum02r + sum13r);
  store16(out0 + 1, sum02i + sum13i);
  store16(out2, sum02r - sum13r);
  store16(out2 + 1, sum02i - sum13i);
  store16(out1, diff02r + diff13i);
  store16(out1 + 1, diff02i - diff13r);
  store16(out3, diff02r - diff13i);
  store16(out3 + 1, diff02i + diff13r);
}

/* A butterfly whose twiddles are all twiddle 0, (32767, 0): not exactly 1, but the product rounds back to
   the same value for every |v| <= 16383, which covers quarter-scaled points. Inputs in0..in3 (any place),
   scaled by quarter (8191, or 8191 << shift for inputs still to be shifted left). */
static inline void butterfly_unit(const int16_t *in0, const int16_t *in1, const int16_t *in2, const int16_t *in3,
                                  int16_t *out0, int16_t *out1, int16_t *out2, int16_t *out3, int32_t quarter) {
  const int32_t a0r = scale_q15(in0[0], quarter), a0i = scale_q15(in0[1], quarter);
  const int32_t b1r = scale_q15(in1[0], quarter), b1i = scale_q15(in1[1], quarter);
  const int32_t b2r = scale_q15(in2[0], quarter), b2i = scale_q15(in2[1], quarter);
  const int32_t b3r = scale_q15(in3[0], quarter), b3i = scale_q15(in3[1], quarter);
  butterfly_sums(out0, out1, out2, out3, a0r, a0i, b1r, b1i, b2r, b2i, b3r, b3i);
}

/* A butterfly in place on the points p0 .. p3 with twiddles (w1r, w1i) .. (w3r, w3i); quarter = 8191. */
static ALWAYS_INLINE void butterfly(int16_t *p0, int16_t *p1, int16_t *p2, int16_t *p3, int32_t w1r, int32_t w1i,
                                    int32_t w2r, int32_t w2i, int32_t w3r, int32_t w3i, int32_t quarter) {
  const int32_t a0r = scale_q15(p0[0], quarter), a0i = scale_q15(p0[1], quarter);
  const int32_t a1r = scale_q15(p1[0], quarter), a1i = scale_q15(p1[1], quarter);
  const int32_t a2r = scale_q15(p2[0], quarter), a2i = scale_q15(p2[1], quarter);
  const int32_t a3r = scale_q15(p3[0], quarter), a3i = scale_q15(p3[1], quarter);
  const int32_t b1r = q15_round(a1r * w1r - a1i * w1i), b1i = q15_round(a1r * w1i + a1i * w1r);
  const int32_t b2r = q15_round(a2r * w2r - a2i * w2i), b2i = q15_round(a2r * w2i + a2i * w2r);
  const int32_t b3r = q15_round(a3r * w3r - a3i * w3i), b3i = q15_round(a3r * w3i + a3i * w3r);
  butterfly_sums(p0, p1, p2, p3, a0r, a0i, b1r, b1i, b2r, b2i, b3r, b3i);
}

/* z (256 points) into a (256 points, natural order), a ~ DFT(z) / 256. */
void tml_audio_fft256(const int16_t *z, int32_t shift, int16_t *a) {
  /* GCC turns a multiplication by 8191 into a shift and a subtraction; a multiply is one instruction */
  int32_t quarter = 8191, first = 8191 << shift; /* (v << shift) * 8191 = v * first, as v << shift fits int16 */
  OPAQUE(quarter);
  OPAQUE(first);
  /* First stage, 4-point transforms: output point 64 q1 + 16 q2 + 4 q3 + j reads input q1 + 4 q2 + 16 q3 + 64 j
     (base-4 digit reversal). */
  for (uint32_t q3 = 0; q3 < 4; q3++)
    for (uint32_t q2 = 0; q2 < 4; q2++) {
      const int16_t *in = z + 2 * (4 * q2 + 16 * q3);
      int16_t *out = a + 2 * (16 * q2 + 4 * q3);
      for (uint32_t q1 = 0; q1 < 4; q1++, in += 2, out += 128)
        butterfly_unit(in, in + 128, in + 256, in + 384, out, out + 2, out + 4, out + 6, first);
    }
  /* Then sub-transforms of n = 4m points: butterfly k of each uses twiddles k, 2k and 3k times the stride. */
  for (uint32_t m = 4, stride = POINTS / 16; m < POINTS / 4; m *= 4, stride /= 4) {
    for (int16_t *p = a; p < a + 2 * POINTS; p += 8 * m)
      butterfly_unit(p, p + 2 * m, p + 4 * m, p + 6 * m, p, p + 2 * m, p + 4 * m, p + 6 * m, quarter);
    for (uint32_t k = 1; k < m; k++) {
      const int16_t *w1 = tml_audio_fft_twiddles + 2 * k * stride, *w2 = w1 + 2 * k * stride,
                    *w3 = w2 + 2 * k * stride;
      const int32_t w1r = w1[0], w1i = w1[1], w2r = w2[0], w2i = w2[1], w3r = w3[0], w3i = w3[1];
      for (int16_t *p = a + 2 * k; p < a + 2 * POINTS; p += 8 * m)
        butterfly(p, p + 2 * m, p + 4 * m, p + 6 * m, w1r, w1i, w2r, w2i, w3r, w3i, quarter);
    }
  }
  /* the last stage is one block: a plain loop over k */
  butterfly_unit(a, a + 128, a + 256, a + 384, a, a + 128, a + 256, a + 384, quarter);
  for (uint32_t k = 1; k < POINTS / 4; k++) {
    const int16_t *w1 = tml_audio_fft_twiddles + 2 * k, *w2 = w1 + 2 * k, *w3 = w2 + 2 * k;
    int16_t *p = a + 2 * k;
    butterfly(p, p + 128, p + 256, p + 384, w1[0], w1[1], w2[0], w2[1], w3[0], w3[1], quarter);
  }
}

void tml_audio_rfft_split(int16_t *spectrum) {
  int32_t half = 16383;
  OPAQUE(half);

  /* Split in place: bins k and 256 - k come from points k and 256 - k; bin 256 lands past the 256 points. */
  const int32_t dc_r = scale_q15(spectrum[0], half), dc_i = scale_q15(spectrum[1], half);
  spectrum[0] = (int16_t)(dc_r + dc_i);
  spectrum[1] = 0;
  spectrum[2 * POINTS] = (int16_t)(dc_r - dc_i);
  spectrum[2 * POINTS + 1] = 0;
  const int16_t *w = tml_audio_split_twiddles;
  int16_t *low = spectrum + 2, *high = spectrum + 2 * (POINTS - 1);
  for (; low <= high; low += 2, high -= 2, w += 2) {
    const int32_t fk_r = scale_q15(low[0], half), fk_i = scale_q15(low[1], half);
    /* conjugate (in int16) first, then halve */
    const int32_t fnk_r = scale_q15(high[0], half), fnk_i = scale_q15((int16_t)-high[1], half);
    /* |half| <= 16383, so these sums fit in int16 as the reference stores them */
    const int32_t even_r = fk_r + fnk_r, even_i = fk_i + fnk_i;
    const int32_t odd_r = fk_r - fnk_r, odd_i = fk_i - fnk_i;
    const int16_t tw_r = (int16_t)q15_round(odd_r * w[0] - odd_i * w[1]); /* may wrap, as the reference's does */
    const int16_t tw_i = (int16_t)q15_round(odd_r * w[1] + odd_i * w[0]);
    /* sums at full width, then halved; at k = 128 both writes hit one bin and the second one stands */
    low[0] = (int16_t)((even_r + tw_r) >> 1);
    low[1] = (int16_t)((even_i + tw_i) >> 1);
    high[0] = (int16_t)((even_r - tw_r) >> 1);
    high[1] = (int16_t)((tw_i - even_i) >> 1);
  }
}

#endif

/* Fixed-point real FFT of 512 int16 samples with kissfft 1.3.0's int16 arithmetic (the FFT TFLite Micro's
   preprocessor uses): a 256-point complex FFT of the samples taken as (re, im) pairs, in four radix-4
   decimation-in-time stages that each scale by about 1/4, then the split into the bins of the real input.
   Every product rounds in Q15 and every sum wraps to int16, exactly as the reference stores them. */
#include "stages.h"

#define COMPLEX_POINTS 256

/* Q15 product rounding. */
static inline int32_t q15_round(int32_t v) { return (v + 16384) >> 15; }

/* kissfft's fixed-point division by 4 and by 2: multiplications by 32767/4 and 32767/2, not exact shifts.
   |quarter(v)| <= 8191 and |half(v)| <= 16383 for any int16 v. */
static inline int32_t quarter(int32_t v) { return q15_round(v * 8191); }
static inline int32_t half(int32_t v) { return q15_round(v * 16383); }

/* Base-4 digit reversal of an index below 256: where decimation in time reads each input from. */
static inline uint32_t digit_reversed(uint32_t i) {
  return ((i & 3u) << 6) | ((i & 12u) << 2) | ((i & 48u) >> 2) | ((i & 192u) >> 6);
}

/* The radix-4 butterfly's sums, given the quarter-scaled first point (a0) and the three twiddled ones (b1..b3).
   The reference stores every sum to int16; only the outputs can leave the int16 range (|a0| <= 8191 and
   |b| <= 11585, so the intermediate sums fit), hence only the stores wrap. */
static inline void butterfly_sums(int16_t *out0, int16_t *out1, int16_t *out2, int16_t *out3, int32_t a0r,
                                  int32_t a0i, int32_t b1r, int32_t b1i, int32_t b2r, int32_t b2i, int32_t b3r,
                                  int32_t b3i) {
  const int32_t diff02r = a0r - b2r, diff02i = a0i - b2i;
  const int32_t sum02r = a0r + b2r, sum02i = a0i + b2i;
  const int32_t sum13r = b1r + b3r, sum13i = b1i + b3i;
  const int32_t diff13r = b1r - b3r, diff13i = b1i - b3i;
  out0[0] = (int16_t)(sum02r + sum13r);
  out0[1] = (int16_t)(sum02i + sum13i);
  out2[0] = (int16_t)(sum02r - sum13r);
  out2[1] = (int16_t)(sum02i - sum13i);
  out1[0] = (int16_t)(diff02r + diff13i);
  out1[1] = (int16_t)(diff02i - diff13r);
  out3[0] = (int16_t)(diff02r - diff13i);
  out3[1] = (int16_t)(diff02i + diff13r);
}

/* A butterfly whose twiddles are all twiddle 0, (32767, 0): not exactly 1, but the product rounds back to
   the same value for every |v| <= 16383, which covers quarter-scaled points. Inputs in0..in3 (any place). */
static inline void butterfly_unit(const int16_t *in0, const int16_t *in1, const int16_t *in2, const int16_t *in3,
                                  int16_t *out0, int16_t *out1, int16_t *out2, int16_t *out3) {
  const int32_t a0r = quarter(in0[0]), a0i = quarter(in0[1]);
  const int32_t b1r = quarter(in1[0]), b1i = quarter(in1[1]);
  const int32_t b2r = quarter(in2[0]), b2i = quarter(in2[1]);
  const int32_t b3r = quarter(in3[0]), b3i = quarter(in3[1]);
  butterfly_sums(out0, out1, out2, out3, a0r, a0i, b1r, b1i, b2r, b2i, b3r, b3i);
}

/* A butterfly in place on the points at p, p + m, p + 2m, p + 3m (interleaved re, im) with twiddles w1..w3. */
static inline void butterfly(int16_t *p, uint32_t m, const int16_t *w1, const int16_t *w2, const int16_t *w3) {
  int16_t *p1 = p + 2 * m, *p2 = p1 + 2 * m, *p3 = p2 + 2 * m;
  const int32_t a0r = quarter(p[0]), a0i = quarter(p[1]);
  const int32_t a1r = quarter(p1[0]), a1i = quarter(p1[1]);
  const int32_t a2r = quarter(p2[0]), a2i = quarter(p2[1]);
  const int32_t a3r = quarter(p3[0]), a3i = quarter(p3[1]);
  const int32_t b1r = q15_round(a1r * w1[0] - a1i * w1[1]), b1i = q15_round(a1r * w1[1] + a1i * w1[0]);
  const int32_t b2r = q15_round(a2r * w2[0] - a2i * w2[1]), b2i = q15_round(a2r * w2[1] + a2i * w2[0]);
  const int32_t b3r = q15_round(a3r * w3[0] - a3i * w3[1]), b3i = q15_round(a3r * w3[1] + a3i * w3[0]);
  butterfly_sums(p, p1, p2, p3, a0r, a0i, b1r, b1i, b2r, b2i, b3r, b3i);
}

/* The complex FFT: z (256 points) into a (256 points, natural order), a ~ DFT(z) / 256. */
static void complex_fft(const int16_t *z, int16_t *a) {
  /* First stage, 4-point transforms, reading the inputs in digit-reversed order: point g + j comes from
     digit_reversed(g) + 64 j. All its twiddles are the unit one. */
  for (uint32_t g = 0; g < COMPLEX_POINTS; g += 4) {
    const int16_t *in = z + 2 * digit_reversed(g);
    int16_t *out = a + 2 * g;
    butterfly_unit(in, in + 128, in + 256, in + 384, out, out + 2, out + 4, out + 6);
  }
  /* Then sub-transforms of n = 4m points: butterfly k of one uses twiddles k, 2k and 3k times the stride. */
  for (uint32_t m = 4, stride = COMPLEX_POINTS / 16; m < COMPLEX_POINTS; m *= 4, stride /= 4) {
    for (int16_t *block = a; block < a + 2 * COMPLEX_POINTS; block += 8 * m) {
      butterfly_unit(block, block + 2 * m, block + 4 * m, block + 6 * m, block, block + 2 * m, block + 4 * m,
                     block + 6 * m);
      const int16_t *w1 = tml_audio_fft_twiddles, *w2 = w1, *w3 = w1;
      for (uint32_t k = 1; k < m; k++) {
        w1 += 2 * stride;
        w2 += 4 * stride;
        w3 += 6 * stride;
        butterfly(block + 2 * k, m, w1, w2, w3);
      }
    }
  }
}

void tml_audio_rfft(const int16_t *fft_input, int16_t *spectrum) {
  complex_fft(fft_input, spectrum);

  /* Split in place: bins k and 256 - k come from points k and 256 - k; bin 256 lands past the 256 points. */
  const int32_t dc_r = half(spectrum[0]), dc_i = half(spectrum[1]);
  spectrum[0] = (int16_t)(dc_r + dc_i);
  spectrum[1] = 0;
  spectrum[2 * COMPLEX_POINTS] = (int16_t)(dc_r - dc_i);
  spectrum[2 * COMPLEX_POINTS + 1] = 0;
  for (uint32_t k = 1; k <= COMPLEX_POINTS / 2; k++) {
    int16_t *low = spectrum + 2 * k, *high = spectrum + 2 * (COMPLEX_POINTS - k);
    const int16_t *w = tml_audio_split_twiddles + 2 * (k - 1);
    const int32_t fk_r = half(low[0]), fk_i = half(low[1]);
    const int32_t fnk_r = half(high[0]), fnk_i = half((int16_t)-high[1]); /* conjugate (in int16) first, then halve */
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

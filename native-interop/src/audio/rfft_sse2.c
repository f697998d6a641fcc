/* The FFT of rfft.c with SSE2 (x86-64), the same integers: four complex values per register (re, im int16
   pairs as in memory). Scaling by 8191/32768 or 16383/32768 with Q15 rounding is PMULHW plus the rounding bit
   from PMULLW; a complex product is two PMADDWD (exact 32-bit sums) rounded once, as the reference does; sums
   wrap in 16-bit lanes as the reference's int16 stores do. Twiddles come as PMADDWD operands from
   twiddles_sse2.c. */
#include "stages.h"

#ifdef TML_AUDIO_SSE2
#include <emmintrin.h>

#define POINTS 256

static inline __m128i load(const int16_t *p) { return _mm_loadu_si128((const __m128i *)(const void *)p); }
static inline void store(int16_t *p, __m128i v) { _mm_storeu_si128((__m128i *)(void *)p, v); }
static inline __m128i operand(const int16_t *p) { return _mm_load_si128((const __m128i *)(const void *)p); }

/* (v * k + 2^15) >> 16 per int16 lane: for k = 2 * 8191 that is kissfft's division by 4, (v * 8191 + 2^14) >> 15
   (and division by 2 for k = 2 * 16383). The high half of the product plus bit 15 of its low half. */
static inline __m128i scale(__m128i v, __m128i k) {
  return _mm_add_epi16(_mm_mulhi_epi16(v, k), _mm_srli_epi16(_mm_mullo_epi16(v, k), 15));
}

/* Four complex products a * w, each component rounded once from its exact 32-bit sum and wrapped to int16.
   wr holds (wr, -wi) pairs and wi (wi, wr) pairs. */
static inline __m128i cmul(__m128i a, __m128i wr, __m128i wi) {
  const __m128i round = _mm_set1_epi32(16384), high = _mm_set1_epi32((int)0xFFFF0000u);
  const __m128i re = _mm_add_epi32(_mm_madd_epi16(a, wr), round);
  const __m128i im = _mm_add_epi32(_mm_madd_epi16(a, wi), round);
  /* bits 15..30 of each sum: the low half from the real one, the high half from the imaginary one */
  return _mm_or_si128(_mm_srli_epi32(_mm_slli_epi32(re, 1), 16), _mm_and_si128(_mm_slli_epi32(im, 1), high));
}

/* (v.i, -v.r) for each complex v: multiplication by -j. */
static inline __m128i minus_j(__m128i v) {
  const __m128i high = _mm_set1_epi32((int)0xFFFF0000u);
  const __m128i swapped = _mm_shufflehi_epi16(_mm_shufflelo_epi16(v, 0xB1), 0xB1);
  return _mm_sub_epi16(_mm_xor_si128(swapped, high), high);
}

/* Four radix-4 butterflies' sums from the scaled first points and the twiddled others (see rfft.c). */
static inline void butterfly(__m128i a0, __m128i b1, __m128i b2, __m128i b3, __m128i out[4]) {
  const __m128i sum02 = _mm_add_epi16(a0, b2), diff02 = _mm_sub_epi16(a0, b2);
  const __m128i sum13 = _mm_add_epi16(b1, b3), turned = minus_j(_mm_sub_epi16(b1, b3));
  out[0] = _mm_add_epi16(sum02, sum13);
  out[1] = _mm_add_epi16(diff02, turned);
  out[2] = _mm_sub_epi16(sum02, sum13);
  out[3] = _mm_sub_epi16(diff02, turned);
}

void tml_audio_fft256(const int16_t *z, int32_t shift, int16_t *a) {
  const __m128i quarter = _mm_set1_epi16(2 * 8191), count = _mm_cvtsi32_si128(shift);
  /* First stage, the points shifted left as they are read: the butterflies of output points
     64 q1 + 16 q2 + 4 q3 + (0..3), for q1 = 0..3 side by side, read inputs q1 + 4 q2 + 16 q3 + 64 j, contiguous
     in q1. A 4 x 4 transpose turns the lanes (q1) into consecutive outputs. All twiddles are the unit one, whose
     product changes no quarter-scaled value. */
  for (uint32_t q3 = 0; q3 < 4; q3++)
    for (uint32_t q2 = 0; q2 < 4; q2++) {
      const int16_t *in = z + 2 * (4 * q2 + 16 * q3);
      int16_t *out = a + 2 * (16 * q2 + 4 * q3);
      __m128i o[4];
      butterfly(scale(_mm_sll_epi16(load(in), count), quarter), scale(_mm_sll_epi16(load(in + 128), count), quarter),
                scale(_mm_sll_epi16(load(in + 256), count), quarter),
                scale(_mm_sll_epi16(load(in + 384), count), quarter), o);
      const __m128i t0 = _mm_unpacklo_epi32(o[0], o[1]), t1 = _mm_unpacklo_epi32(o[2], o[3]);
      const __m128i t2 = _mm_unpackhi_epi32(o[0], o[1]), t3 = _mm_unpackhi_epi32(o[2], o[3]);
      store(out, _mm_unpacklo_epi64(t0, t1));
      store(out + 128, _mm_unpackhi_epi64(t0, t1));
      store(out + 256, _mm_unpacklo_epi64(t2, t3));
      store(out + 384, _mm_unpackhi_epi64(t2, t3));
    }
  /* Stages of n = 4m points, four butterflies k..k+3 at a time, the twiddle operands loaded once for all the
     blocks. */
  const int16_t *w = tml_audio_sse2_stage_twiddles;
  for (uint32_t m = 4; m < POINTS; m *= 4)
    for (uint32_t k = 0; k < m; k += 4, w += 48) {
      const __m128i w1r = operand(w), w1i = operand(w + 8), w2r = operand(w + 16), w2i = operand(w + 24);
      const __m128i w3r = operand(w + 32), w3i = operand(w + 40);
      for (int16_t *p = a + 2 * k; p < a + 2 * POINTS; p += 8 * m) {
        __m128i o[4];
        butterfly(scale(load(p), quarter), cmul(scale(load(p + 2 * m), quarter), w1r, w1i),
                  cmul(scale(load(p + 4 * m), quarter), w2r, w2i), cmul(scale(load(p + 6 * m), quarter), w3r, w3i),
                  o);
        store(p, o[0]);
        store(p + 2 * m, o[1]);
        store(p + 4 * m, o[2]);
        store(p + 6 * m, o[3]);
      }
    }
}

void tml_audio_rfft_split(int16_t *spectrum) {
  /* DC and Nyquist (scalar), as in rfft.c */
  const int32_t dc_r = (spectrum[0] * 16383 + 16384) >> 15, dc_i = (spectrum[1] * 16383 + 16384) >> 15;
  spectrum[0] = (int16_t)(dc_r + dc_i);
  spectrum[1] = 0;
  spectrum[2 * POINTS] = (int16_t)(dc_r - dc_i);
  spectrum[2 * POINTS + 1] = 0;

  /* Bins k = 4t+1 .. 4t+4 with their mirrors 256 - k, in place. The last group's two halves share point 128:
     both are loaded first, and the mirror half is stored last, so its bin 128 stands as in the reference. */
  const __m128i half = _mm_set1_epi16(2 * 16383), high = _mm_set1_epi32((int)0xFFFF0000u);
  const int16_t *w = tml_audio_sse2_split_twiddles;
  int16_t *low = spectrum + 2, *mirror = spectrum + 2 * (POINTS - 4);
  for (uint32_t t = 0; t < POINTS / 8; t++, low += 8, mirror -= 8, w += 16) {
    const __m128i fk = scale(load(low), half);
    const __m128i nk = _mm_shuffle_epi32(load(mirror), 0x1B); /* points 256 - k in the order of k */
    /* conjugate (int16 negation of the imaginary parts) first, then halve */
    const __m128i fnk = scale(_mm_sub_epi16(_mm_xor_si128(nk, high), high), half);
    const __m128i even = _mm_add_epi16(fk, fnk);
    const __m128i tw = cmul(_mm_sub_epi16(fk, fnk), operand(w), operand(w + 8));
    /* bin k: (even + tw) >> 1 from the 17-bit sums, i.e. the floor average (a & b) + ((a ^ b) >> 1) */
    const __m128i differ = _mm_xor_si128(even, tw);
    store(low, _mm_add_epi16(_mm_and_si128(even, tw), _mm_srai_epi16(differ, 1)));
    /* bin 256 - k: (x - y) >> 1 for x = (even.r, tw.i), y = (tw.r, even.i); with n = ~y, x + n = x - y - 1 and
       the ceiling average (x | n) - ((x ^ n) >> 1) is floor((x - y) / 2) */
    const __m128i swap = _mm_and_si128(differ, high);
    const __m128i x = _mm_xor_si128(even, swap), n = _mm_xor_si128(_mm_xor_si128(tw, swap), _mm_set1_epi32(-1));
    const __m128i halved = _mm_sub_epi16(_mm_or_si128(x, n), _mm_srai_epi16(_mm_xor_si128(x, n), 1));
    store(mirror, _mm_shuffle_epi32(halved, 0x1B));
  }
}

#else
typedef int tml_audio_rfft_sse2_unused; /* a translation unit must not be empty */
#endif

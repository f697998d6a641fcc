/* The FFT of rfft.c with the Arm DSP extension (Cortex-M4/M7/M33), the same integers: one complex int16
   value per 32-bit register (re in the low half, as in memory).
   - kissfft's division by 4 (or 2): SMLABB/SMLATT give v * 2k + 2^15 for each half, whose high half is
     (v * k + 2^14) >> 15; PKHTB joins the two.
   - complex product: SMLSD and SMLADX form each component's exact sum plus 2^14 in one instruction; the real one
     is shifted down by 15, the imaginary one taken from bits 15..30 by PKHBT's shift, so each is rounded once
     and wrapped to int16 as the reference stores it.
   - butterfly sums: SADD16/SSUB16 (wrapping, as the int16 stores), the +-j rotations by SSAX/SASX, and the
     split's 17-bit halved sums by SHADD16/SHSUB16. */
#include "stages.h"

#ifdef TML_AUDIO_ARM_DSP
#include <arm_acle.h>
#include <string.h>

#define POINTS 256

static inline uint32_t load(const int16_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline void store(int16_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* ACLE has no intrinsics for the halfword packs. */
static inline uint32_t pack_low_high(uint32_t low, uint32_t high) { /* low half of low, high half of high */
  uint32_t r;
  __asm__("pkhbt %0, %1, %2" : "=r"(r) : "r"(low), "r"(high));
  return r;
}

static inline uint32_t pack_low_high_lsl1(uint32_t low, uint32_t high) { /* ... of high << 1 */
  uint32_t r;
  __asm__("pkhbt %0, %1, %2, lsl #1" : "=r"(r) : "r"(low), "r"(high));
  return r;
}

static inline uint32_t pack_high_high(uint32_t high, uint32_t low) { /* high halves of high and of low */
  uint32_t r;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(high), "r"(low));
  return r;
}

/* (v * k + 2^14) >> 15 in each half, for k2 = 2k in both halves: kissfft's division by 4 (k = 8191) or 2. */
static inline uint32_t scale(uint32_t v, uint32_t k2) {
  const int32_t re = __smlabb((int32_t)v, (int32_t)k2, 32768), im = __smlatt((int32_t)v, (int32_t)k2, 32768);
  return pack_high_high((uint32_t)im, (uint32_t)re);
}

/* The complex product a * w, each component rounded once from its exact sum and wrapped to int16. */
static inline uint32_t cmul(uint32_t a, uint32_t w) {
  const int32_t re = __smlsd((int32_t)a, (int32_t)w, 16384), im = __smladx((int32_t)a, (int32_t)w, 16384);
  return pack_low_high_lsl1((uint32_t)(re >> 15), (uint32_t)im);
}

/* The radix-4 butterfly's sums (see rfft.c) from the scaled first point and the twiddled others. */
static inline void butterfly(int16_t *out0, int16_t *out1, int16_t *out2, int16_t *out3, uint32_t a0, uint32_t b1,
                             uint32_t b2, uint32_t b3) {
  const int32_t sum02 = __sadd16((int32_t)a0, (int32_t)b2), diff02 = __ssub16((int32_t)a0, (int32_t)b2);
  const int32_t sum13 = __sadd16((int32_t)b1, (int32_t)b3), diff13 = __ssub16((int32_t)b1, (int32_t)b3);
  store(out0, (uint32_t)__sadd16(sum02, sum13));
  store(out1, (uint32_t)__ssax(diff02, diff13)); /* (d02.r + d13.i, d02.i - d13.r) */
  store(out2, (uint32_t)__ssub16(sum02, sum13));
  store(out3, (uint32_t)__sasx(diff02, diff13)); /* (d02.r - d13.i, d02.i + d13.r) */
}

/* One stage of sub-transforms of 4m points (m = 4, 16, 64; inlined per m so the offsets are immediates). */
static inline void stage(int16_t *a, uint32_t m, uint32_t stride, uint32_t quarter) {
  for (int16_t *p = a; p < a + 2 * POINTS; p += 8 * m) /* k = 0: unit twiddles, see rfft.c */
    butterfly(p, p + 2 * m, p + 4 * m, p + 6 * m, scale(load(p), quarter), scale(load(p + 2 * m), quarter),
              scale(load(p + 4 * m), quarter), scale(load(p + 6 * m), quarter));
  for (uint32_t k = 1; k < m; k++) {
    const int16_t *w = tml_audio_fft_twiddles + 2 * k * stride;
    const uint32_t w1 = load(w), w2 = load(w + 2 * k * stride), w3 = load(w + 4 * k * stride);
    for (int16_t *p = a + 2 * k; p < a + 2 * POINTS; p += 8 * m)
      butterfly(p, p + 2 * m, p + 4 * m, p + 6 * m, scale(load(p), quarter), cmul(scale(load(p + 2 * m), quarter), w1),
                cmul(scale(load(p + 4 * m), quarter), w2), cmul(scale(load(p + 6 * m), quarter), w3));
  }
}

/* Both halves of v shifted left: keep masks off what the low half spills into the high half. */
static inline uint32_t shift_left(uint32_t v, int32_t shift, uint32_t keep) { return (v << shift) & keep; }

void tml_audio_fft256(const int16_t *z, int32_t shift, int16_t *a) {
  const uint32_t quarter = 0x3FFE3FFEu; /* 2 * 8191 in both halves */
  const uint32_t keep = ~((((uint32_t)1 << shift) - 1) << 16);
  /* first stage, the points shifted as they are read: output point 64 q1 + 16 q2 + 4 q3 + j reads input
     q1 + 4 q2 + 16 q3 + 64 j */
  for (uint32_t q3 = 0; q3 < 4; q3++)
    for (uint32_t q2 = 0; q2 < 4; q2++) {
      const int16_t *in = z + 2 * (4 * q2 + 16 * q3);
      int16_t *out = a + 2 * (16 * q2 + 4 * q3);
      for (uint32_t q1 = 0; q1 < 4; q1++, in += 2, out += 128)
        butterfly(out, out + 2, out + 4, out + 6, scale(shift_left(load(in), shift, keep), quarter),
                  scale(shift_left(load(in + 128), shift, keep), quarter),
                  scale(shift_left(load(in + 256), shift, keep), quarter),
                  scale(shift_left(load(in + 384), shift, keep), quarter));
    }
  stage(a, 4, POINTS / 16, quarter);
  stage(a, 16, POINTS / 64, quarter);
  /* the last stage is one block: butterfly k (k = 1..63 after the unit one) uses twiddles k, 2k and 3k */
  butterfly(a, a + 128, a + 256, a + 384, scale(load(a), quarter), scale(load(a + 128), quarter),
            scale(load(a + 256), quarter), scale(load(a + 384), quarter));
  const int16_t *w = tml_audio_fft_twiddles;
  for (int16_t *p = a + 2; p < a + 128; p += 2) {
    w += 2;
    const uint32_t w1 = load(w), w2 = load(w + (p - a)), w3 = load(w + 2 * (p - a));
    butterfly(p, p + 128, p + 256, p + 384, scale(load(p), quarter), cmul(scale(load(p + 128), quarter), w1),
              cmul(scale(load(p + 256), quarter), w2), cmul(scale(load(p + 384), quarter), w3));
  }
}

void tml_audio_rfft_split(int16_t *spectrum) {
  const uint32_t half = 0x7FFE7FFEu; /* 2 * 16383 in both halves */
  const int32_t dc_r = (spectrum[0] * 16383 + 16384) >> 15, dc_i = (spectrum[1] * 16383 + 16384) >> 15;
  spectrum[0] = (int16_t)(dc_r + dc_i);
  spectrum[1] = 0;
  spectrum[2 * POINTS] = (int16_t)(dc_r - dc_i);
  spectrum[2 * POINTS + 1] = 0;
  const int16_t *w = tml_audio_split_twiddles;
  int16_t *low = spectrum + 2, *high = spectrum + 2 * (POINTS - 1);
  for (; low <= high; low += 2, high -= 2, w += 2) { /* at k = 128 low == high: the second store stands */
    const uint32_t fk = scale(load(low), half), nk = load(high);
    /* conjugate (int16 negation of the imaginary part) first, then halve */
    const uint32_t fnk = scale(pack_low_high(nk, (uint32_t)__ssub16(0, (int32_t)nk)), half);
    const uint32_t even = (uint32_t)__sadd16((int32_t)fk, (int32_t)fnk);
    const uint32_t tw = cmul((uint32_t)__ssub16((int32_t)fk, (int32_t)fnk), load(w));
    store(low, (uint32_t)__shadd16((int32_t)even, (int32_t)tw)); /* (even + tw) >> 1 from 17-bit sums */
    /* ((even.r - tw.r) >> 1, (tw.i - even.i) >> 1) */
    store(high, (uint32_t)__shsub16((int32_t)pack_low_high(even, tw), (int32_t)pack_low_high(tw, even)));
  }
}

#else
typedef int tml_audio_rfft_dsp_unused; /* a translation unit must not be empty */
#endif

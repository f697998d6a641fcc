/* Dot-product micro-kernels shared by CONV_2D and FULLY_CONNECTED: an int16 "patch" (input values with the
   input zero point already removed, so padding is plain 0) against rows of int8 weights read in place from
   the model. One implementation per architecture, chosen at compile time:
   - Arm with the DSP extension (Cortex-M4/M7/M33): 32-bit loads, SXTB16 to widen weight pairs, SMLAD for two
     MACs per instruction. The patch stores each group of 4 values as (0, 2, 1, 3), the order SXTB16 yields.
   - x86-64 (SSE2): 8 MACs per PMADDWD.
   - anything else (RISC-V rv32imc, ...): plain C with register blocking so each load feeds two MACs.
   Every path computes the exact same int32 sums (the products and their sum fit int32 by prepare's checks). */
#ifndef TINYML_DOT_H
#define TINYML_DOT_H

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) && !defined(TML_PORTABLE_KERNELS)
#define TML_DOT_ARM_DSP 1
#include <arm_acle.h>
static inline uint32_t tml_load32(const void *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* Bytes 1 and 3 sign-extended to halfwords: SXTB16 with its built-in rotate (ACLE has no intrinsic for it). */
static inline uint32_t tml_sxtb16_odd(uint32_t x) {
  uint32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
#elif defined(__SSE2__) && !defined(TML_PORTABLE_KERNELS)
#define TML_DOT_SSE2 1
#include <emmintrin.h>
#endif

/* Where logical index k of a patch of length len is stored (the last partial group stays in order). */
static inline int32_t tml_patch_slot(int32_t k, int32_t len) {
#ifdef TML_DOT_ARM_DSP
  static const int8_t order[4] = {0, 2, 1, 3};
  return k < (len & ~3) ? (k & ~3) + order[k & 3] : k;
#else
  (void)len;
  return k;
#endif
}

/* patch[k0 .. k0+n) = src[0 .. n) + offset, for a patch of length len. */
static inline void tml_patch_fill(int16_t *patch, int32_t len, int32_t k0, const int8_t *src, int32_t n, int32_t offset) {
  int32_t i = 0;
#ifdef TML_DOT_ARM_DSP
  if ((k0 & 3) == 0) {
    const uint32_t off2 = ((uint32_t)(uint16_t)offset << 16) | (uint16_t)offset;
    for (; i + 4 <= n && k0 + i + 4 <= (len & ~3); i += 4) {
      uint32_t x;
      memcpy(&x, src + i, 4);
      const uint32_t even = __sadd16(__sxtb16(x), off2);                     /* values 0 and 2 */
      const uint32_t odd = __sadd16(tml_sxtb16_odd(x), off2);   /* values 1 and 3 */
      memcpy(patch + k0 + i, &even, 4);
      memcpy(patch + k0 + i + 2, &odd, 4);
    }
  }
#endif
  for (; i < n; i++) patch[tml_patch_slot(k0 + i, len)] = (int16_t)(src[i] + offset);
}

static inline void tml_patch_zero(int16_t *patch, int32_t len, int32_t k0, int32_t n) {
  for (int32_t i = 0; i < n; i++) patch[tml_patch_slot(k0 + i, len)] = 0;
}

#ifdef TML_DOT_ARM_DSP


/* acc[0] += p0.w0, acc[1] += p0.w1, acc[2] += p1.w0, acc[3] += p1.w1 over k values. The main loop is written
   in assembly: four accumulators, four widened weight pairs, one input word and five pointers need exactly the
   14 usable registers, which the compiler does not manage without spilling (20 instructions per 16 MACs). */
static inline void tml_dot_2x2(const int16_t *p0, const int16_t *p1, const int8_t *w0, const int8_t *w1, int32_t k,
                               int32_t acc[4]) {
  int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
  const int8_t *const wend = w0 + (k & ~3);
  uint32_t wa, wb, wae, wbe, x;
  if (w0 != wend)
    __asm__ volatile(
        "1:\n\t"
        "ldr %[wa], [%[w0]], #4\n\t"
        "ldr %[wb], [%[w1]], #4\n\t"
        "sxtb16 %[wae], %[wa]\n\t"
        "sxtb16 %[wa], %[wa], ror #8\n\t"
        "sxtb16 %[wbe], %[wb]\n\t"
        "sxtb16 %[wb], %[wb], ror #8\n\t"
        "ldr %[x], [%[p0]], #4\n\t"
        "smlad %[a00], %[x], %[wae], %[a00]\n\t"
        "smlad %[a01], %[x], %[wbe], %[a01]\n\t"
        "ldr %[x], [%[p0]], #4\n\t"
        "smlad %[a00], %[x], %[wa], %[a00]\n\t"
        "smlad %[a01], %[x], %[wb], %[a01]\n\t"
        "ldr %[x], [%[p1]], #4\n\t"
        "smlad %[a10], %[x], %[wae], %[a10]\n\t"
        "smlad %[a11], %[x], %[wbe], %[a11]\n\t"
        "ldr %[x], [%[p1]], #4\n\t"
        "smlad %[a10], %[x], %[wa], %[a10]\n\t"
        "smlad %[a11], %[x], %[wb], %[a11]\n\t"
        "cmp %[w0], %[wend]\n\t"
        "bne 1b\n\t"
        : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [p0] "+r"(p0), [p1] "+r"(p1),
          [w0] "+r"(w0), [w1] "+r"(w1), [wa] "=&r"(wa), [wb] "=&r"(wb), [wae] "=&r"(wae), [wbe] "=&r"(wbe),
          [x] "=&r"(x)
        : [wend] "r"(wend)
        : "cc", "memory");
  for (int32_t i = 0; i < (k & 3); i++) { /* the tail of the patch is stored in order */
    a00 += p0[i] * w0[i], a01 += p0[i] * w1[i];
    a10 += p1[i] * w0[i], a11 += p1[i] * w1[i];
  }
  acc[0] = a00, acc[1] = a01, acc[2] = a10, acc[3] = a11;
}

/* acc[0] += p.w0, acc[1] += p.w1. */
static inline void tml_dot_1x2(const int16_t *p, const int8_t *w0, const int8_t *w1, int32_t k, int32_t acc[2]) {
  int32_t a0 = acc[0], a1 = acc[1], i = 0;
  for (; i + 4 <= k; i += 4) {
    const uint32_t xe = tml_load32(p + i), xo = tml_load32(p + i + 2);
    uint32_t w = tml_load32(w0 + i);
    a0 = __smlad(xe, __sxtb16(w), a0);
    a0 = __smlad(xo, tml_sxtb16_odd(w), a0);
    w = tml_load32(w1 + i);
    a1 = __smlad(xe, __sxtb16(w), a1);
    a1 = __smlad(xo, tml_sxtb16_odd(w), a1);
  }
  for (; i < k; i++) a0 += p[i] * w0[i], a1 += p[i] * w1[i];
  acc[0] = a0, acc[1] = a1;
}

static inline int32_t tml_dot_1x1(const int16_t *p, const int8_t *w0, int32_t k) {
  int32_t a = 0, i = 0;
  for (; i + 4 <= k; i += 4) {
    const uint32_t w = tml_load32(w0 + i);
    a = __smlad(tml_load32(p + i), __sxtb16(w), a);
    a = __smlad(tml_load32(p + i + 2), tml_sxtb16_odd(w), a);
  }
  for (; i < k; i++) a += p[i] * w0[i];
  return a;
}


/* acc[j] += sum (x + offset) * wj over k values, x read as int8 (FULLY_CONNECTED: no patch, no scratch). */
static inline void tml_dot_s8_1x2(const int8_t *x, int32_t offset, const int8_t *w0, const int8_t *w1, int32_t k,
                                  int32_t acc[2]) {
  const uint32_t off2 = (uint32_t)(uint16_t)offset * 0x10001u;
  int32_t a0 = acc[0], a1 = acc[1], i = 0;
  for (; i + 4 <= k; i += 4) {
    const uint32_t x4 = tml_load32(x + i);
    const uint32_t xe = __sadd16(__sxtb16(x4), off2), xo = __sadd16(tml_sxtb16_odd(x4), off2);
    uint32_t w = tml_load32(w0 + i);
    a0 = __smlad(xe, __sxtb16(w), a0);
    a0 = __smlad(xo, tml_sxtb16_odd(w), a0);
    w = tml_load32(w1 + i);
    a1 = __smlad(xe, __sxtb16(w), a1);
    a1 = __smlad(xo, tml_sxtb16_odd(w), a1);
  }
  for (; i < k; i++) a0 += (x[i] + offset) * w0[i], a1 += (x[i] + offset) * w1[i];
  acc[0] = a0, acc[1] = a1;
}

#elif defined(TML_DOT_SSE2)

/* 8 int8 weights widened to int16 lanes. */
static inline __m128i tml_widen8(const int8_t *w) {
  __m128i v;
  int64_t bits;
  memcpy(&bits, w, 8);
  v = _mm_cvtsi64_si128(bits);
  return _mm_srai_epi16(_mm_unpacklo_epi8(v, v), 8);
}

static inline int32_t tml_hsum(__m128i v) {
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0x4E));
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0xB1));
  return _mm_cvtsi128_si32(v);
}

static inline void tml_dot_2x2(const int16_t *p0, const int16_t *p1, const int8_t *w0, const int8_t *w1, int32_t k,
                               int32_t acc[4]) {
  __m128i s00 = _mm_setzero_si128(), s01 = s00, s10 = s00, s11 = s00;
  int32_t i = 0;
  for (; i + 8 <= k; i += 8) {
    const __m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)(p0 + i));
    const __m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p1 + i));
    const __m128i v0 = tml_widen8(w0 + i), v1 = tml_widen8(w1 + i);
    s00 = _mm_add_epi32(s00, _mm_madd_epi16(x0, v0));
    s01 = _mm_add_epi32(s01, _mm_madd_epi16(x0, v1));
    s10 = _mm_add_epi32(s10, _mm_madd_epi16(x1, v0));
    s11 = _mm_add_epi32(s11, _mm_madd_epi16(x1, v1));
  }
  int32_t a00 = acc[0] + tml_hsum(s00), a01 = acc[1] + tml_hsum(s01);
  int32_t a10 = acc[2] + tml_hsum(s10), a11 = acc[3] + tml_hsum(s11);
  for (; i < k; i++) {
    a00 += p0[i] * w0[i], a01 += p0[i] * w1[i];
    a10 += p1[i] * w0[i], a11 += p1[i] * w1[i];
  }
  acc[0] = a00, acc[1] = a01, acc[2] = a10, acc[3] = a11;
}

static inline void tml_dot_1x2(const int16_t *p, const int8_t *w0, const int8_t *w1, int32_t k, int32_t acc[2]) {
  __m128i s0 = _mm_setzero_si128(), s1 = s0;
  int32_t i = 0;
  for (; i + 8 <= k; i += 8) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    s0 = _mm_add_epi32(s0, _mm_madd_epi16(x, tml_widen8(w0 + i)));
    s1 = _mm_add_epi32(s1, _mm_madd_epi16(x, tml_widen8(w1 + i)));
  }
  int32_t a0 = acc[0] + tml_hsum(s0), a1 = acc[1] + tml_hsum(s1);
  for (; i < k; i++) a0 += p[i] * w0[i], a1 += p[i] * w1[i];
  acc[0] = a0, acc[1] = a1;
}

static inline int32_t tml_dot_1x1(const int16_t *p, const int8_t *w0, int32_t k) {
  __m128i s = _mm_setzero_si128();
  int32_t i = 0;
  for (; i + 8 <= k; i += 8)
    s = _mm_add_epi32(s, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(const void *)(p + i)), tml_widen8(w0 + i)));
  int32_t a = tml_hsum(s);
  for (; i < k; i++) a += p[i] * w0[i];
  return a;
}


static inline void tml_dot_s8_1x2(const int8_t *x, int32_t offset, const int8_t *w0, const int8_t *w1, int32_t k,
                                  int32_t acc[2]) {
  const __m128i off = _mm_set1_epi16((int16_t)offset);
  __m128i s0 = _mm_setzero_si128(), s1 = s0;
  int32_t i = 0;
  for (; i + 8 <= k; i += 8) {
    const __m128i xv = _mm_add_epi16(tml_widen8(x + i), off);
    s0 = _mm_add_epi32(s0, _mm_madd_epi16(xv, tml_widen8(w0 + i)));
    s1 = _mm_add_epi32(s1, _mm_madd_epi16(xv, tml_widen8(w1 + i)));
  }
  int32_t a0 = acc[0] + tml_hsum(s0), a1 = acc[1] + tml_hsum(s1);
  for (; i < k; i++) a0 += (x[i] + offset) * w0[i], a1 += (x[i] + offset) * w1[i];
  acc[0] = a0, acc[1] = a1;
}

#else /* portable */

static inline void tml_dot_2x2(const int16_t *p0, const int16_t *p1, const int8_t *w0, const int8_t *w1, int32_t k,
                               int32_t acc[4]) {
  int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
  for (int32_t i = 0; i < k; i++) {
    const int32_t x0 = p0[i], x1 = p1[i], v0 = w0[i], v1 = w1[i];
    a00 += x0 * v0, a01 += x0 * v1, a10 += x1 * v0, a11 += x1 * v1;
  }
  acc[0] = a00, acc[1] = a01, acc[2] = a10, acc[3] = a11;
}

static inline void tml_dot_1x2(const int16_t *p, const int8_t *w0, const int8_t *w1, int32_t k, int32_t acc[2]) {
  int32_t a0 = acc[0], a1 = acc[1];
  for (int32_t i = 0; i < k; i++) {
    const int32_t x = p[i];
    a0 += x * w0[i], a1 += x * w1[i];
  }
  acc[0] = a0, acc[1] = a1;
}

static inline int32_t tml_dot_1x1(const int16_t *p, const int8_t *w0, int32_t k) {
  int32_t a = 0;
  for (int32_t i = 0; i < k; i++) a += p[i] * w0[i];
  return a;
}

static inline void tml_dot_s8_1x2(const int8_t *x, int32_t offset, const int8_t *w0, const int8_t *w1, int32_t k,
                                  int32_t acc[2]) {
  int32_t a0 = acc[0], a1 = acc[1];
  for (int32_t i = 0; i < k; i++) {
    const int32_t v = x[i] + offset;
    a0 += v * w0[i], a1 += v * w1[i];
  }
  acc[0] = a0, acc[1] = a1;
}

#endif



#endif

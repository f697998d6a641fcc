/* Mel filter bank: the power of FFT bins 5..240 summed through 40 triangular filters, then the amplitude
   (rounded square root) brought back to the input's scale. */
#include "stages.h"

#if defined(TML_AUDIO_SSE2)
#include <emmintrin.h>
#elif defined(TML_AUDIO_ARM_DSP)
#include <arm_acle.h>
#include <string.h>
#endif

/* Channel c rises over band c + 1 (weights) and falls over band c (unweights); band 0 only falls into nothing and
   band 40's fall is never used. Power is computed in uint32: (-32768, -32768) makes 2^31.
   Every unweight a channel uses is 4095 - weight (the one bin whose pair sums to 4096, bin 240, is in band 40),
   so with T the sum of weight * power and S the sum of power over a band, channel c = T(c + 1) + 4095 S(c) -
   T(c), exact in uint64: one product per bin. Where a 64-bit multiply-accumulate is one instruction (Arm's UMLAL)
   the two products per bin are as cheap, and the unweights are used as they are. */
void tml_audio_filterbank(const int16_t *spectrum, uint64_t *channels) {
  const int16_t *bin = spectrum + 2 * TML_AUDIO_FIRST_BIN;
  const uint16_t *weight = tml_audio_bin_weights; /* (weight, unweight) pairs */
#if defined(TML_AUDIO_ARM_DSP)
  uint64_t rising = 0, falling = 0;
  for (uint32_t band = 0; band < TML_AUDIO_BANDS; band++) {
    for (uint32_t n = tml_audio_band_widths[band]; n > 0; n--) {
      uint32_t pair;
      memcpy(&pair, bin, 4);
      bin += 2;
      const uint32_t e = (uint32_t)__smuad((int32_t)pair, (int32_t)pair); /* SMUAD: re^2 + im^2 */
      const uint32_t w = *weight++, u = *weight++;
      rising += (uint64_t)w * e; /* UMLAL */
      falling += (uint64_t)u * e;
    }
    if (band > 0) channels[band - 1] = rising;
    rising = falling;
    falling = 0;
  }
#elif defined(TML_AUDIO_SSE2)
  /* the powers first, four bins per PMADDWD (re^2 + im^2; the one overflow wraps to 2^31 as uint32) */
  uint32_t power[TML_AUDIO_BINS];
  for (uint32_t i = 0; i < TML_AUDIO_BINS; i += 4) {
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(bin + 2 * i));
    _mm_storeu_si128((__m128i *)(void *)(power + i), _mm_madd_epi16(v, v));
  }
  const uint32_t *e = power;
  uint64_t falling = 0; /* 4095 S - T of the band before */
  for (uint32_t band = 0; band < TML_AUDIO_BANDS; band++) {
    uint64_t t = 0, s = 0;
    for (uint32_t n = tml_audio_band_widths[band]; n > 0; n--, e++, weight += 2) {
      t += (uint64_t)weight[0] * *e;
      s += *e;
    }
    if (band > 0) channels[band - 1] = t + falling;
    falling = 4095 * s - t;
  }
#else
  /* Summed in 32-bit halves of the power (rv32imc has no 64-bit arithmetic): over a band (at most 15 bins) every
     sum below fits 32 bits, and so does the fall 4095 S - T of each half (it is a sum of (4095 - w) e). */
  uint32_t fall_high = 0, fall_low = 0; /* of the band before */
  for (uint32_t band = 0; band < TML_AUDIO_BANDS; band++) {
    uint32_t t_high = 0, t_low = 0, s_high = 0, s_low = 0;
    for (const int16_t *end = bin + 2 * tml_audio_band_widths[band]; bin < end; bin += 2, weight += 2) {
      const uint32_t e = (uint32_t)(bin[0] * bin[0]) + (uint32_t)(bin[1] * bin[1]);
      const uint32_t w = weight[0], e_high = e >> 16, e_low = e & 0xFFFFu;
      t_high += w * e_high;
      t_low += w * e_low;
      s_high += e_high;
      s_low += e_low;
    }
    if (band > 0) /* t_high + fall_high < 4095 * 2^15 * 28 < 2^32 (two bands hold at most 28 bins) */
      channels[band - 1] = ((uint64_t)(t_high + fall_high) << 16) + t_low + fall_low;
    fall_high = 4095 * s_high - t_high;
    fall_low = 4095 * s_low - t_low;
  }
#endif
}

/* round(sqrt((i + 64.5) 2^24)), i = 0..191: within 129 of sqrt(m) for every m in [2^30, 2^32) whose top byte is
   i + 64. */
static const uint16_t root_seeds[192] = {
    32896, 33150, 33402, 33652, 33900, 34147, 34392, 34635, 34876, 35116, 35354, 35590,
    35825, 36059, 36291, 36521, 36750, 36978, 37204, 37429, 37652, 37874, 38095, 38315,
    38533, 38750, 38966, 39181, 39394, 39606, 39818, 40028, 40237, 40445, 40652, 40857,
    41062, 41266, 41469, 41671, 41871, 42071, 42270, 42468, 42665, 42861, 43057, 43251,
    43445, 43637, 43829, 44020, 44210, 44400, 44588, 44776, 44963, 45149, 45334, 45519,
    45703, 45886, 46069, 46250, 46431, 46612, 46791, 46970, 47149, 47326, 47503, 47679,
    47855, 48030, 48204, 48378, 48551, 48723, 48895, 49067, 49237, 49407, 49577, 49746,
    49914, 50082, 50249, 50416, 50582, 50747, 50912, 51077, 51241, 51404, 51567, 51730,
    51892, 52053, 52214, 52374, 52534, 52694, 52853, 53011, 53169, 53327, 53484, 53640,
    53797, 53952, 54108, 54262, 54417, 54571, 54724, 54877, 55030, 55182, 55334, 55485,
    55636, 55787, 55937, 56087, 56236, 56385, 56534, 56682, 56830, 56977, 57124, 57271,
    57417, 57563, 57709, 57854, 57999, 58143, 58287, 58431, 58574, 58717, 58860, 59002,
    59144, 59286, 59427, 59568, 59709, 59849, 59989, 60129, 60268, 60407, 60546, 60684,
    60822, 60960, 61098, 61235, 61372, 61508, 61644, 61780, 61916, 62051, 62186, 62321,
    62456, 62590, 62724, 62857, 62991, 63124, 63256, 63389, 63521, 63653, 63785, 63916,
    64047, 64178, 64309, 64439, 64569, 64699, 64828, 64957, 65086, 65215, 65344, 65472,
};

/* floor(sqrt(m)) for m in [2^30, 2^32). One Newton step from the seed (integer Newton steps never go below the
   root) overshoots by at most 129^2 / 2^16 < 1, so it lands on the root or one above. */
static uint32_t root_normalized(uint32_t m) {
  uint32_t y = root_seeds[(m >> 24) - 64];
  y = (y + m / y) >> 1;
  if (y > 0xFFFFu) y = 0xFFFFu; /* the root is below 2^16 */
  return y * y > m ? y - 1 : y;
}

/* sqrt(n) rounded to the nearest integer, saturating at 0xFFFF below 2^32 as the reference's 32-bit path does
   (the reference rounds its floor r up when n - r^2 > r; an exact half never occurs). The floor: n scaled by an
   even power of two into the top of its word, whose root is then that of n scaled by half the power. */
static uint32_t rounded_sqrt(uint64_t n) {
  if (n >> 32 == 0) {
    const uint32_t x = (uint32_t)n;
    if (x == 0) return 0;
    const uint32_t half_shift = (32 - tml_audio_msb(x)) >> 1;
    const uint32_t root = root_normalized(x << 2 * half_shift) >> half_shift;
    return x - root * root > root && root != 0xFFFFu ? root + 1 : root;
  }
  const uint32_t half_shift = (32 - tml_audio_msb((uint32_t)(n >> 32))) >> 1;
  const uint64_t m = n << 2 * half_shift; /* [2^62, 2^64) */
  const uint32_t high = (uint32_t)(m >> 32), low = (uint32_t)m;
  /* the root's high 16 bits from the high word; the low 16 bits by one step of long division, the remainder
     over twice the root so far (Zimmermann's square root step: the result is the root or one above). The
     dividend rest 2^16 + (low >> 16) takes 33 bits, so dividend and divisor are halved. */
  const uint32_t s = root_normalized(high); /* [2^15, 2^16) */
  const uint32_t rest = high - s * s;       /* <= 2s */
  uint64_t y = ((uint64_t)s << 16) + (((rest << 15) | (low >> 17)) / s);
  if (y > 0xFFFFFFFFu) y = 0xFFFFFFFFu;
  if (y * y > m) y--;
  const uint32_t root = (uint32_t)y >> half_shift;
  return n - (uint64_t)root * root > root && root != 0xFFFFFFFFu ? root + 1 : root;
}

void tml_audio_filterbank_sqrt(const uint64_t *channels, int32_t shift, uint32_t *amplitudes) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c++) amplitudes[c] = rounded_sqrt(channels[c]) >> shift;
}

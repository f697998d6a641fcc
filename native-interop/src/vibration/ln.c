/* The natural logarithm of the band energies, in integer arithmetic: a soft-float logf costs some two thousand
   instructions on a core without an FPU, this about a tenth of that (and fewer than logf with an FPU). Both
   arithmetics use it, so their results do not depend on a target's libm: every target computes the same bits.
   Absolute error below 1e-7 (under the rounding of a float result of that size). */
#include <string.h>

#include "vibration_internal.h"

#define LN2_Q24 11629080 /* round(ln 2 · 2^24) */
#define ONE_THIRD_Q30 357913941

/* x = 2^e · m with m in [1, 2); m = (1 + k/64)·(1 + r) with k the top 6 bits of m's fraction and 0 ≤ r < 1/64;
   ln m = ln(1 + k/64) + ln(1 + r), ln(1 + r) = r − r²/2 + r³/3 − … (what is dropped is below r⁴/4 < 1.5e-8). */
float tml_vib_ln(float x) {
  uint32_t bits;
  memcpy(&bits, &x, sizeof bits);
  const int32_t e = (int32_t)(bits >> 23) - 127;
  const uint32_t fraction = bits & 0x7FFFFFu, k = fraction >> 17;
  const int64_t rest = (int64_t)(fraction & 0x1FFFFu) << 7; /* m − (1 + k/64), Q30 */
  const int64_t r = (rest * tml_vib_reciprocal_q30[k]) >> 30, r2 = (r * r) >> 30, r3 = (r2 * r) >> 30;
  const int64_t ln_m = tml_vib_ln_q30[k] + r - (r2 >> 1) + ((r3 * ONE_THIRD_Q30) >> 30);
  const int32_t ln_q24 = e * LN2_Q24 + (int32_t)(ln_m >> 6);
  return (float)ln_q24 * (1.0f / 16777216.0f);
}

/* Log compression and int8 quantization: 64 ln(8 x) in integer arithmetic, then the micro_speech model's
   input scale, value * 256 / (25.6 * 26) - 128. */
#include "stages.h"

#define INPUT_CORRECTION_BITS 3 /* FFT length bits (9) less half the filter bank's scaling bits (12 / 2) */
#define LOG_COEFF 45426u        /* round(65536 ln 2) */

/* About 64 ln(x), for x >= 2: log2 from the mantissa table, times ln 2, in Q16, then rescaled and rounded. */
static uint32_t scaled_log(uint32_t x) {
  const uint32_t integer = tml_audio_msb(x) - 1; /* floor(log2 x) */
  int32_t frac = (int32_t)(x - ((uint32_t)1 << integer));
  frac = integer < 16 ? frac << (16 - integer) : frac >> (integer - 16); /* Q16 mantissa, truncated */
  const int32_t segment = frac >> 9;
  const int32_t c0 = tml_audio_log_lut[segment], c1 = tml_audio_log_lut[segment + 1];
  const int32_t correction = c0 + (((c1 - c0) * (frac - 512 * segment)) >> 16);
  const uint32_t log2 = (integer << 16) + (uint32_t)(frac + correction);          /* Q16 */
  const uint32_t ln = (uint32_t)(((uint64_t)LOG_COEFF * log2 + 32768u) >> 16);  /* Q16 */
  return (ln * 64u + 32768u) >> 16;
}

void tml_audio_log_int8(const uint32_t *gained, int8_t *features) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c++) {
    const uint32_t x = gained[c] << INPUT_CORRECTION_BITS;
    uint32_t value = 0;
    if (x > 1) {
      value = scaled_log(x);
      if (value > 32767u) value = 32767u;
    }
    int32_t q = (int32_t)((value * 256u + 333u) / 666u) - 128; /* truncating, as TFLite's DIV; value >= 0 */
    if (q > 127) q = 127;
    features[c] = (int8_t)q;
  }
}

/* Mel filter bank: the power of FFT bins 5..240 summed through 40 triangular filters, then the amplitude
   (rounded square root) brought back to the input's scale. */
#include "stages.h"

void tml_audio_filterbank(const int16_t *spectrum, uint64_t *channels) {
  const int16_t *bin = spectrum + 2 * TML_AUDIO_FIRST_BIN;
  const uint16_t *weights = tml_audio_bin_weights;
  /* Channel c rises over band c + 1 (weights) and falls over band c (unweights); band 0 only falls into
     nothing and band 40's fall is never used. */
  uint64_t rising = 0, falling = 0;
  for (uint32_t band = 0; band < TML_AUDIO_BANDS; band++) {
    for (uint32_t n = tml_audio_band_widths[band]; n > 0; n--, bin += 2, weights += 2) {
      /* unsigned: (-32768, -32768) makes 2^31 */
      const uint32_t power = (uint32_t)(bin[0] * bin[0]) + (uint32_t)(bin[1] * bin[1]);
      rising += (uint64_t)weights[0] * power;
      falling += (uint64_t)weights[1] * power;
    }
    if (band > 0) channels[band - 1] = rising;
    rising = falling;
    falling = 0;
  }
}

/* sqrt(n) rounded to the nearest integer, saturating at 0xFFFF below 2^32 as the reference's 32-bit path does. */
static uint32_t rounded_sqrt(uint64_t n) {
  if (n < ((uint64_t)1 << 32)) {
    uint32_t rest = (uint32_t)n, root = 0;
    if (rest == 0) return 0;
    for (uint32_t bit = (uint32_t)1 << ((tml_audio_msb(rest) - 1) & ~1u); bit; bit >>= 2) {
      if (rest >= root + bit) {
        rest -= root + bit;
        root = (root >> 1) + bit;
      } else {
        root >>= 1;
      }
    }
    return rest > root && root != 0xFFFFu ? root + 1 : root;
  }
  uint64_t rest = n, root = 0;
  const uint32_t high = (uint32_t)(n >> 32); /* non-zero here */
  for (uint64_t bit = (uint64_t)1 << ((31 + tml_audio_msb(high)) & ~1u); bit; bit >>= 2) {
    if (rest >= root + bit) {
      rest -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
  }
  return (uint32_t)(rest > root && root != 0xFFFFFFFFu ? root + 1 : root);
}

void tml_audio_filterbank_sqrt(const uint64_t *channels, int32_t shift, uint32_t *amplitudes) {
  for (uint32_t c = 0; c < TML_AUDIO_FEATURES; c++) amplitudes[c] = rounded_sqrt(channels[c]) >> shift;
}
